#!/usr/bin/env python3
"""plot.py CSV PNG [SUMMARY.json]: the soak's RSS and open descriptors
against the actions done (soak.py's samples), the warm-up shaded and the
allowed 2 MB band drawn from the lowest RSS after it."""
import csv
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = list(csv.DictReader(open(sys.argv[1])))
    summary = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else {}
    for r in rows:
        for k in r:
            if k != "tag":
                r[k] = float(r[k])
    total = rows[-1]["actions"] if rows else 1
    warm = summary.get("warmup", 0.1) * total
    limit = summary.get("rss_limit_kb", 2048) / 1024
    resets = [r for r in rows if r["tag"] == "reset"]

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
    x = [r["actions"] / 1000 for r in rows]
    top.plot(x, [r["rss_kb"] / 1024 for r in rows], color="#9aa5b1", lw=0.8,
             label="every %g s" % summary.get("sample_seconds", 2))
    top.plot([r["actions"] / 1000 for r in resets], [r["rss_kb"] / 1024 for r in resets],
             ".", color="#0b4f8a", ms=3, label="after each idle reset (same screen)")
    after = [r["rss_kb"] / 1024 for r in resets if r["actions"] >= warm]
    if after:
        low = min(after)
        top.axhspan(low, low + limit, color="#2e7d32", alpha=0.12,
                    label="%.0f MB allowed after the warm-up" % limit)
    for ax in (top, bottom):
        ax.axvspan(0, warm / 1000, color="#f0b400", alpha=0.15)
        ax.grid(alpha=0.3)
    top.text(warm / 2000, 0.02, "warm-up", transform=top.get_xaxis_transform(), ha="center",
             fontsize=8, color="#8a6500")
    if after:
        lo = min(r["rss_kb"] / 1024 for r in rows if r["actions"] >= warm)
        hi = max(r["rss_kb"] / 1024 for r in rows if r["actions"] >= warm)
        top.set_ylim(max(0, lo - 6), hi + 6)
    top.set_ylabel("RSS (MB)")
    top.legend(loc="lower right", fontsize=8)
    bottom.plot(x, [r["fds"] for r in rows], color="#9aa5b1", lw=0.8, label="every sample")
    bottom.plot([r["actions"] / 1000 for r in resets], [r["fds"] for r in resets], ".",
                color="#b0005a", ms=3, label="after each idle reset")
    bottom.set_ylabel("open descriptors")
    bottom.set_xlabel("actions (thousands): slide changes, language switches, votes, "
                      "hot reloads, idle resets, size changes")
    bottom.legend(loc="lower right", fontsize=8)
    c = summary.get("counts", {})
    title = "placard-kiosk soak"
    if c:
        title += (": %d slide changes, %d language switches, %d votes, %d hot reloads, "
                  "%d idle resets, %d size changes in %.0f min" % (
                      c["slides"], c["langs"], c["votes"], c["reloads"], c["resets"],
                      c["resizes"], summary.get("seconds", 0) / 60))
    if "rss_spread_kb" in summary:
        sub = "after the warm-up: RSS %.1f-%.1f MB (spread %d kB), descriptors %s; %s" % (
            summary["rss_min_kb_reset"] / 1024, summary["rss_max_kb_reset"] / 1024,
            summary["rss_spread_kb"], summary.get("fds_reset"),
            "passed" if summary.get("passed") else "FAILED")
        after_f = summary.get("rss_spread_kb_after", {})
        if after_f:
            sub += "\nthe spread after a warm-up of " + ", ".join(
                "%s: %.1f MB" % (k, v / 1024) for k, v in after_f.items())
        title += "\n" + sub
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
