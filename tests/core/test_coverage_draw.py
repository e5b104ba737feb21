"""Coverage charts drawn: PNG and SVG that hold the chart's names and numbers, a clickable
gid on every bar and slice, and matplotlib loaded only when a chart is first drawn."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from core import listing
from core.coverage import counts
from core.library import Library
from tests.conftest import ROOT
from tests.core.coverage_library import press_office


@pytest.fixture
def ids(library: Library) -> list[int]:
    press_office(library)
    return listing.list_ids(library, listing.View()).ids


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("time", {"by": "week"}),
        ("time", {"by": "day", "split": "outlet"}),
        ("time", {"by": "month", "split": "topic"}),
        ("voice", {}),
        ("outlets", {"top": 3}),
        ("quotes", {}),
        ("stories", {}),
    ],
)
def test_every_chart_draws_its_names_and_a_pick_for_each_bar(
    library: Library, ids: list[int], kind: str, options: dict
) -> None:
    from core.coverage import draw

    chart = counts.chart(library, ids, kind, **options)
    png = draw.png(chart, dpi=72)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = draw.svg(chart)
    names = chart.labels if kind != "time" else [s.name for s in chart.series[1:]]
    for name in names:
        assert draw._short(name).replace("&", "&amp;") in svg
    fig = draw.figure(chart)
    gids = [a.get_gid() for a in fig.axes[0].get_children() if a.get_gid()]
    bars = [g for g in gids if not g.startswith("line:")]
    categories = {int(g.split(":")[0]) for g in bars}
    nonzero = {i for i in range(len(chart.labels)) if any(s.values[i] for s in chart.series)}
    assert nonzero <= categories


def test_an_empty_chart_says_so(library: Library) -> None:
    from core.coverage import draw

    svg = draw.svg(counts.top_outlets(library, []))
    assert "Nothing to count here" in svg


def test_the_counts_and_the_command_line_do_not_load_matplotlib_or_numpy() -> None:
    code = (
        "import sys, json; import core.coverage.counts, core.coverage.members, "
        "core.packs.export, ui.cli; "
        "print(json.dumps(['matplotlib' in sys.modules, 'numpy' in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    # numpy too: sqlite-utils would load it at start only because matplotlib brought it
    assert json.loads(out.stdout) == [False, False]


def test_names_from_articles_are_drawn_and_printed_as_themselves(
    library: Library, tmp_path
) -> None:
    from core.coverage import draw
    from core.packs.build import PackOptions
    from core.packs.export import export

    hostile = ["Money $x^2$ Daily", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "a\\b_c"]
    library.add_clippings(
        [
            {"title": f"t{i}", "text": "words", "outlet": name, "published": "2024-05-02"}
            for i, name in enumerate(hostile)
        ]
    )
    ids = listing.list_ids(library, listing.View()).ids
    chart = counts.top_outlets(library, ids)
    svg = draw.svg(chart)
    assert "Money $x^2$ Daily" in svg and "&lt;script&gt;" in svg
    export(library, ids, PackOptions(coverage=True), "html", tmp_path / "p.html")
    page = (tmp_path / "p.html").read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    export(library, ids, PackOptions(coverage=True), "md", tmp_path / "p.md")
    markdown = (tmp_path / "p.md").read_text("utf-8")
    assert "<script>" not in markdown
    export(library, ids, PackOptions(coverage=True), "pdf", tmp_path / "p.pdf")
    from tests.core.pack_readers import pdf_pages

    assert "Money $x^2$ Daily" in " ".join(pdf_pages(tmp_path / "p.pdf"))
