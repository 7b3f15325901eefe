"""Pieces of TOML for the small templates tests write: the roles and cover section every
template needs, so a test spells out only the part it is about."""

from __future__ import annotations


def cover(prefix: str = "head", *, required: bool = False) -> str:
    """``[roles]`` and a cover section with the unit, year and date fields under ``prefix``."""
    needed = "\nrequired = true" if required else ""
    return f"""
[roles]
unit = "{prefix}.unit"
year = "{prefix}.year"
date = "{prefix}.date"

[[sections]]
key = "{prefix}"
title = "封面"
printed = false

[[sections.items]]
key = "{prefix}.unit"
label = "单位名称"
kind = "text"{needed}

[[sections.items]]
key = "{prefix}.year"
label = "报告年度"
kind = "year"{needed}

[[sections.items]]
key = "{prefix}.date"
label = "报告日期"
kind = "date"
"""
