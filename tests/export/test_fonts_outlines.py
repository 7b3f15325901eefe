"""The glyph outline reader (watermark shapes, the page number's dash) reads the glyf table of
every bundled font consistently: a glyph's points fill exactly the box its header states."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_desktop.export import fonts
from kexie_desktop.export.fonts import LoadedFont
from kexie_desktop.export.outlines import add_to_path, ink_box, outline
from kexie_desktop.export.styles import FontRole

BUNDLED = fonts.font_set(())
FONTS = sorted({font.name: font for font in BUNDLED.primary.values()}.values(), key=str)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), font=st.sampled_from(FONTS))
def test_the_points_of_a_glyph_fill_its_stated_box(data: st.DataObject, font: LoadedFont) -> None:
    char = chr(data.draw(st.sampled_from(sorted(font.cmap))))
    contours = outline(font, char)
    box = ink_box(font, char)
    if box is None:
        assert contours == []
        return
    points = [point for contour in contours for point in contour]
    assert points, char
    assert min(x for x, _, _ in points) == pytest.approx(box.x_min, abs=0.01)
    assert max(x for x, _, _ in points) == pytest.approx(box.x_max, abs=0.01)
    assert min(y for _, y, _ in points) == pytest.approx(box.y_min, abs=0.01)
    assert max(y for _, y, _ in points) == pytest.approx(box.y_max, abs=0.01)
    assert all(len(contour) >= 2 for contour in contours)


def test_a_dash_is_a_thin_bar_at_mid_height() -> None:
    box = ink_box(BUNDLED.primary[FontRole.SONG], "—")
    assert box is not None
    assert 200 < box.y_min < box.y_max < 500
    assert box.y_max - box.y_min < 100
    assert box.x_max - box.x_min > 800


def test_a_character_the_font_lacks_has_no_outline() -> None:
    hei = BUNDLED.primary[FontRole.HEI]
    assert not hei.covers("镕")
    assert outline(hei, "镕") == []
    assert ink_box(hei, "镕") is None


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def moveTo(self, x: float, y: float) -> None:  # noqa: N802 - ReportLab's path API
        self.calls.append("M")

    def lineTo(self, x: float, y: float) -> None:  # noqa: N802
        self.calls.append("L")

    def curveTo(self, *points: float) -> None:  # noqa: N802
        self.calls.append("C")

    def close(self) -> None:
        self.calls.append("Z")


def test_each_contour_becomes_one_closed_subpath() -> None:
    font = BUNDLED.primary[FontRole.HEI]
    contours = outline(font, "心")
    path = _Recorder()
    add_to_path(path, contours, 0, 150)
    assert path.calls.count("M") == path.calls.count("Z") == len(contours) > 3
    assert "C" in path.calls  # the curves of the strokes
