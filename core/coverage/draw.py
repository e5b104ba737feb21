"""Coverage charts drawn with matplotlib, into any Figure: the window's (on matplotlib's Qt
canvas, which only ui/ imports) or one saved as PNG or SVG for a pack. No pyplot: nothing
here picks a backend or opens a window, and matplotlib is imported only when this module is,
the first time a chart is drawn.

Every bar, slice and point that stands for clippings carries a gid "category:series" (series
-1 for a category as a whole), so a click on it can show them."""

from __future__ import annotations

import io
import logging
import math
from datetime import date
from typing import Any

from core import database

# sqlite-utils first, while numpy (which matplotlib brings) can still be kept out of it
database.load()

import matplotlib  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from core.coverage.chart import Chart  # noqa: E402

ACCENT = "#1a3c6e"  # the packs' own blue
MUTED = "#5f6368"
RULE = "#e3e6ea"
PALETTE = ("#1a3c6e", "#e07b39", "#2a9d8f", "#c44e52", "#8172b3", "#b08d57", "#5aa0d8", "#7f7f7f")
OTHER = "#aeb4bd"  # "Other outlets"
NONE = "#d5d9de"  # "No outlet named"
TOTAL_BEHIND = "#d4dbe6"  # the whole, behind the lines of a split
WIDTH_IN = 8.0


def _families() -> list[str]:
    # DejaVu for Latin and Cyrillic, a CJK face for names in Chinese or Japanese when the
    # machine has one (make installs WenQuanYi), so no name prints as empty boxes.
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans"] + [
        name for name in ("WenQuanYi Micro Hei", "Noto Sans CJK SC") if name in installed
    ]


# The CJK face has no bold: matplotlib says so on every bold number, and uses it as it is.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
matplotlib.rcParams.update(
    {
        "font.family": _families(),
        "font.size": 9,
        "axes.edgecolor": "#9aa0a6",
        "axes.labelcolor": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "svg.fonttype": "none",  # text stays text in SVG: searchable, and light
        # an outlet called "$5 Daily $" is a name, not TeX (mathtext would parse, or fail)
        "text.parse_math": False,
    }
)


def height_in(chart: Chart) -> float:
    """A height that suits the chart: a row per bar for the rankings."""
    if chart.kind in ("outlets", "quotes", "stories"):
        return max(1.8, 0.34 * max(len(chart.labels), 1) + 0.7)
    return 3.4


def figure(
    chart: Chart, width: float = WIDTH_IN, height: float | None = None, titled: bool = False
) -> Figure:
    """``titled``: the chart's title and what it counts drawn above it, for a picture that
    leaves the app on its own (a pack sets them as its own text)."""
    extra = 0.5 if titled else 0.0
    fig = Figure(figsize=(width, (height or height_in(chart)) + extra), layout="constrained")
    draw(fig, chart)
    if titled:
        fig.suptitle(
            f"{chart.title}\n{chart.subtitle}", x=0.01, ha="left", fontsize=10, color="#1f2328"
        )
    return fig


def draw(fig: Figure, chart: Chart) -> None:
    """Draw the chart on a fresh set of axes in ``fig`` (whatever it held is cleared)."""
    fig.clear()
    fig.set_facecolor("white")
    ax = fig.add_subplot()
    if chart.empty:
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "Nothing to count here",
            ha="center",
            va="center",
            color=MUTED,
            transform=ax.transAxes,
            fontsize=11,
        )
        return
    if chart.kind == "time":
        _over_time(ax, chart)
    elif chart.kind == "voice":
        _donut(ax, chart)
    else:
        _ranking(ax, chart)


def png(
    chart: Chart,
    width: float = 6.3,
    dpi: int = 200,
    height: float | None = None,
    titled: bool = False,
) -> bytes:
    out = io.BytesIO()
    fig = figure(chart, width, height, titled)
    FigureCanvasAgg(fig)
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()


def svg(
    chart: Chart, width: float = 6.3, height: float | None = None, titled: bool = False
) -> str:
    out = io.StringIO()
    fig = figure(chart, width, height, titled)
    FigureCanvasSVG(fig)
    fig.savefig(out, format="svg", facecolor="white")
    return out.getvalue()


def _colour(index: int, name: str) -> str:
    if name.startswith("Other outlets"):
        return OTHER
    if name == "No outlet named":
        return NONE
    return PALETTE[index % len(PALETTE)]


def _ticks(ax: Any, chart: Chart) -> None:
    """As many labels as fit the chart's width without touching, at an even step; days and
    weeks carry their year where it changes (and on the first), so no label needs a guess."""
    labels, keys = chart.labels, chart.extra.get("keys") or []
    if chart.by == "week":
        labels = [label.removeprefix("w/c ") for label in labels]
        ax.set_xlabel("Week beginning", color=MUTED, fontsize=8)
    longest = max((len(label) for label in labels), default=1)
    room = ax.figure.get_figwidth() * 72 * 0.86  # the axes' width in points, less the margins
    most = max(2, int(room // (longest * 0.62 * 8.5 + 12)))
    step = max(1, math.ceil(len(labels) / most))
    shown = list(range(0, len(labels), step))
    texts, year = [], None
    for index in shown:
        text = labels[index]
        if chart.by in ("day", "week") and index < len(keys) and keys[index][:4] != year:
            year = keys[index][:4]
            text = f"{text}\n{year}"
        texts.append(text)
    ax.set_xticks(shown)
    ax.set_xticklabels(texts)
    ax.tick_params(axis="x", length=0, pad=4)


def _over_time(ax: Any, chart: Chart) -> None:
    n = len(chart.labels)
    x = list(range(n))
    width = 0.8 if n < 200 else 1.0
    stacks = [s for s in chart.series if s.style == "stack"]
    lines = [s for s in chart.series if s.style == "line"]
    bottom = [0] * n
    for index, series in enumerate(chart.series):
        if series.style not in ("bar", "stack"):
            continue
        colour = TOTAL_BEHIND if lines else (ACCENT if not stacks else _colour(index, series.name))
        # Hundreds of periods make bars thinner than a pixel: an edge of their own colour
        # keeps a lone clipping in a long span visible.
        bars = ax.bar(
            x,
            series.values,
            width,
            bottom=bottom,
            color=colour,
            label=series.name,
            linewidth=0 if n < 200 else 0.8,
            edgecolor=colour,
        )
        for category, bar in enumerate(bars):
            bar.set_gid(f"{category}:{index if series.pick else -1}")
            bar.set_picker(True)
        if series.style == "stack":
            bottom = [b + v for b, v in zip(bottom, series.values, strict=True)]
        if not stacks and not lines and n <= 24:
            ax.bar_label(
                bars,
                labels=[str(v) if v else "" for v in series.values],
                padding=2,
                fontsize=7.5,
                color=MUTED,
            )
    for index, series in enumerate(chart.series):
        if series.style != "line":
            continue
        colour = PALETTE[(chart.series.index(series) - 1) % len(PALETTE)]
        (line,) = ax.plot(
            x,
            series.values,
            color=colour,
            linewidth=1.8,
            label=series.name,
            marker="o" if n <= 40 else None,
            markersize=3.5,
        )
        line.set_gid(f"line:{index}")
        line.set_picker(True)
        line.set_pickradius(6)
    _ticks(ax, chart)
    ax.set_xlim(-0.6, n - 0.4)
    if chart.by == "day":
        _weekends(ax, chart.extra.get("keys", []))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.grid(axis="y", color=RULE, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylabel("Clippings")
    if stacks or lines:
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=min(4, len(stacks or lines) + (1 if lines else 0)),
            frameon=False,
            fontsize=8,
            handlelength=1.2,
            borderaxespad=0,
        )


def _weekends(ax: Any, keys: list[str]) -> None:
    """Saturdays and Sundays shaded: the dip at the weekend reads as the weekend."""
    for index, key in enumerate(keys):
        try:
            weekend = date.fromisoformat(key).weekday() >= 5
        except ValueError:
            continue
        if weekend:
            ax.axvspan(index - 0.5, index + 0.5, color="#f1f3f6", linewidth=0, zorder=0)


def _short(text: str, most: int = 46) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _ranking(ax: Any, chart: Chart) -> None:
    values = chart.series[0].values
    labels = [_short(label) for label in chart.labels]
    y = list(range(len(values)))[::-1]  # the largest on top
    colours = [
        _colour(0, label) if label.startswith(("Other", "No outlet")) else ACCENT
        for label in chart.labels
    ]
    bars = ax.barh(y, values, 0.68, color=colours, linewidth=0)
    for category, bar in enumerate(bars):
        bar.set_gid(f"{category}:-1")
        bar.set_picker(True)
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=8, color="#202124")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    # a few bars keep a bar's height at the top of a tall canvas rather than growing fat
    slots = max(len(values), 6)
    ax.set_ylim(len(values) - slots - 0.5, len(values) - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.grid(axis="x", color=RULE, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlim(0, max(values) * 1.12 if max(values) else 1)
    ax.set_xlabel(chart.series[0].name)


def _donut(ax: Any, chart: Chart) -> None:
    values = chart.series[0].values
    shown = [(i, v) for i, v in enumerate(values) if v]
    whole = sum(values)
    wedges, _ = ax.pie(
        [v for _, v in shown],
        colors=[PALETTE[i % len(PALETTE)] for i, _ in shown],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.36, "edgecolor": "white", "linewidth": 1.5},
    )
    for (category, value), wedge in zip(shown, wedges, strict=True):
        wedge.set_gid(f"{category}:-1")
        wedge.set_picker(True)
        share = value / whole
        if share >= 0.05:
            angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
            ax.text(
                0.82 * math.cos(angle),
                0.82 * math.sin(angle),
                f"{share:.0%}",
                ha="center",
                va="center",
                color="white",
                fontsize=8.5,
                fontweight="bold",
            )
    ax.text(
        0,
        0.06,
        f"{whole:,}",
        ha="center",
        va="center",
        fontsize=15,
        color="#202124",
        fontweight="bold",
    )
    ax.text(0, -0.16, "mentions", ha="center", va="center", fontsize=8, color=MUTED)
    ax.set_aspect("equal")
    legend = [f"{_short(chart.labels[i], 34)}  {v:,} ({v / whole:.0%})" for i, v in shown]
    ax.legend(
        wedges,
        legend,
        loc="center left",
        bbox_to_anchor=(1.02, 0.5),
        frameon=False,
        fontsize=8.5,
        handlelength=1.0,
    )
