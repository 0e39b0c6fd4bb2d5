"""The benchmark's chart (bench/bench.py): each comparison as the ratio
Placard/Chromium on a log scale with its target, and each Placard-only
measure as a fraction of its target. Lower is better everywhere; green bars
meet their target, red ones miss it."""

import textwrap

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:  # bench/run installs python3-matplotlib; say so and go on
    plt = None

GOOD, BAD, NONE = "#2E7D32", "#C62828", "#78909C"


def _target_ratio(target):
    if target.startswith("<= 1/"):
        return 1 / float(target[5:])
    if target in ("< Chromium", "aim: 0"):
        return 1.0
    return None


def _absolute_target(row):
    """(value, target) for a Placard-only row with a numeric target."""
    t, p = row["target"], row["placard"]
    for prefix, key in (("median < ", "median"), ("max < ", "max"), ("p99 < ", "median"),
                        ("< ", "median")):
        if t.startswith(prefix):
            return p[key], float(t[len(prefix):])
    return None


def draw(bench, path, header):
    if plt is None:
        print("chart: matplotlib is not installed (apt-get install python3-matplotlib)")
        return
    ratios = [r for r in bench.rows if r["ratio"] is not None and r["ratio"] > 0
              and _target_ratio(r["target"])]
    zero = [r for r in bench.rows if r["ratio"] == 0 and _target_ratio(r["target"])]
    alone = [(r, _absolute_target(r)) for r in bench.rows if r["chromium"] is None]
    alone = [(r, v) for r, v in alone if v]
    height = 1.2 + 0.45 * (len(ratios) + len(zero)) + 0.45 * len(alone) + 2
    fig, (ax1, ax2) = plt.subplots(
        2, 1, figsize=(12, height),
        gridspec_kw={"height_ratios": [max(1, len(ratios) + len(zero)), max(1, len(alone))]})
    fig.suptitle("Placard against Chromium, same deck, same run (lower is better)",
                 fontsize=13, fontweight="bold")
    fig.text(0.5, 0.965 - 0.25 / height, "   ·   ".join(header), ha="center", fontsize=8,
             color="#455A64")

    rows = ratios + zero
    labels = [textwrap.shorten(r["measure"], 70) for r in rows]
    floor = min([r["ratio"] for r in ratios] + [1e-3]) / 3
    values = [r["ratio"] if r["ratio"] else floor for r in rows]
    colours = [GOOD if r["met"] else BAD if r["met"] is False else NONE for r in rows]
    y = range(len(rows))
    ax1.barh(y, values, color=colours)
    for i, r in enumerate(rows):
        t = _target_ratio(r["target"])
        ax1.plot([t, t], [i - 0.4, i + 0.4], color="black", linewidth=2)
        text = (f"{r['ratio']:.3g}" if r["ratio"] else "0") + f"  (target {r['target']})"
        ax1.text(max(values[i], t) * 1.15, i, text, va="center", fontsize=8)
    ax1.set_xscale("log")
    ax1.set_yticks(list(y))
    ax1.set_yticklabels(labels, fontsize=8)
    ax1.invert_yaxis()
    ax1.axvline(1, color="#9E9E9E", linestyle=":")
    ax1.set_xlim(floor / 1.5, 30)
    ax1.set_xlabel("Placard / Chromium (medians; black tick: the target; 1 = as Chromium)")

    labels2 = [textwrap.shorten(r["measure"], 70) for r, _ in alone]
    fractions = [v / t if t else 0 for _, (v, t) in alone]
    colours2 = [GOOD if r["met"] else BAD if r["met"] is False else NONE for r, _ in alone]
    y2 = range(len(alone))
    ax2.barh(y2, fractions, color=colours2)
    for i, (r, (v, t)) in enumerate(alone):
        ax2.text(fractions[i] + 0.02, i, f"{v:.3g} {r['unit']} (target {r['target']})",
                 va="center", fontsize=8)
    ax2.axvline(1, color="black", linewidth=2)
    ax2.set_yticks(list(y2))
    ax2.set_yticklabels(labels2, fontsize=8)
    ax2.invert_yaxis()
    ax2.set_xlim(0, max([1.6] + [f * 1.5 for f in fractions]))
    ax2.set_xlabel("Placard alone, as a fraction of its target (black line: the target)")
    fig.tight_layout(rect=(0, 0, 1, 0.95 - 0.2 / height))
    fig.savefig(path, dpi=110)
    plt.close(fig)
