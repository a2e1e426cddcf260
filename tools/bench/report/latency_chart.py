"""Draws the bench's latency-versus-load chart from a JSON spec written by chart.mjs.

Usage: latency_chart.py <spec.json> <out.png>
Spec: {title, xlabel, ylabel, footnote, series: [{label, x, y, color, linestyle}], vlines: [{x, label, color}]}
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402


def main(spec_file: str, out_file: str) -> None:
    with open(spec_file, encoding="utf-8") as handle:
        spec = json.load(handle)
    fig, ax = plt.subplots(figsize=(9, 5.4), dpi=120)
    for series in spec["series"]:
        ax.plot(
            series["x"],
            series["y"],
            label=series["label"],
            color=series["color"],
            linestyle=series.get("linestyle", "-"),
            marker=series.get("marker", "o"),
            linewidth=2,
        )
    for line in spec["vlines"]:
        ax.axvline(line["x"], color=line["color"], linestyle=":", linewidth=1.5, label=line["label"])
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _: f"{value:g}")
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(plain)
    ax.set_xlim(left=0)
    ax.set_title(spec["title"])
    ax.set_xlabel(spec["xlabel"])
    ax.set_ylabel(spec["ylabel"])
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    fig.text(0.01, 0.01, spec["footnote"], fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(out_file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
