"""What a check found: small frozen records the CLI prints, the window lists and the PDF notes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from kexie_desktop.core.money import Money


class Severity(Enum):
    ERROR = "error"  # 强制性审核: the report cannot be finalised
    WARNING = "warning"  # 提示性审核: allowed once explained
    INFO = "info"  # a rounding tail of at most 0.01 万元

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提示", "info": "说明"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


Figure = Money | int | Decimal | None


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Where in a text a finding points: characters ``start`` to ``end`` (end excluded,
    counted in code points) of the text in the field or cell ``path``."""

    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextFix:
    """A correction that needs no judgement: the text in ``path``, while it still reads
    ``old``, is to read ``new``. ``label`` names it for a button, e.g. "改为全角标点"."""

    path: str
    old: str
    new: str
    label: str


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    section: str
    fields: tuple[str, ...]
    message: str
    expected: Figure = None
    actual: Figure = None
    difference: Figure = None
    # Tells apart findings of one rule about different rows (a row id, or "" for scalars).
    subject: str = ""
    explanation: str = ""
    # For findings about text: the places in it, so the window can select them.
    spans: tuple[TextSpan, ...] = ()
    fix: TextFix | None = None

    @property
    def key(self) -> str:
        """Stable identity of the finding, under which an explanation is stored."""
        return f"{self.rule}:{self.subject}" if self.subject else self.rule

    @property
    def is_handled(self) -> bool:
        """A warning the clerk has explained no longer stands in the way of finalising."""
        return self.severity is Severity.WARNING and bool(self.explanation.strip())

    def explained(self, text: str) -> Finding:
        return replace(self, explanation=text)


# The rule of "请填写…": a required entry left empty. The window shows these as progress
# (未填 N 项), not as errors, until the clerk has been in the field.
MISSING_RULE = "required"


def is_missing(finding: Finding) -> bool:
    return finding.rule == MISSING_RULE


def figure_text(figure: Figure) -> str | int | None:
    """A figure as it goes into JSON: money and percentages as exact decimal strings."""
    if isinstance(figure, Money):
        return figure.format()
    if isinstance(figure, Decimal):
        return str(figure)
    return figure


def blocking(findings: list[Finding]) -> list[Finding]:
    """Findings that keep a report from being finalised."""
    return [
        finding
        for finding in findings
        if finding.severity is Severity.ERROR
        or (finding.severity is Severity.WARNING and not finding.is_handled)
    ]
