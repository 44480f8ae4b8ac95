"""Summarizes one benchmarks/load.sh run: ratios to configuration a per round, min/median/max over
rounds, start-up medians, spans received; writes summary.md and load.png into the results folder."""
import csv
import statistics
import sys
from pathlib import Path

NAMES = {"a": "no tracing", "b": "Tracegate 0 %", "c": "Tracegate 100 %",
         "d": "Liberty mpTelemetry-2.0 100 %", "e": "OTel Java agent 2.33.1 100 %",
         "f": "Tracegate 0 %, baseline jar", "g": "Tracegate 100 %, baseline jar", "h": "Tracegate 100 %, EXTRA_h",
         "n": "no-op filter pair", "s": "bare SDK filter pair 100 %"}
PLOT_LABELS = {"a": "no tracing", "b": "Tracegate\n0 %", "c": "Tracegate\n100 %",
               "d": "Liberty\nmpTelemetry-2.0\n100 %", "e": "OTel Java\nagent 2.33.1\n100 %",
               "f": "Tracegate\n0 %\nbaseline", "g": "Tracegate\n100 %\nbaseline", "h": "Tracegate\n100 %\nEXTRA_h",
               "n": "no-op\nfilter pair", "s": "bare SDK\nfilter pair\n100 %"}
METRICS = [("req_per_s", "throughput"), ("p50_us", "p50 latency"), ("p99_us", "p99 latency"),
           ("cpu_ms_per_req", "CPU per request"), ("heap_after_gc_mb", "heap after GC")]


def read_tsv(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def spread(values, fmt):
    return f"{fmt.format(min(values))} / **{fmt.format(statistics.median(values))}** / {fmt.format(max(values))}"


def main(results):
    rows = read_tsv(results / "rounds.tsv")
    configs = sorted({r["config"] for r in rows})
    by_round = {}
    for r in rows:
        by_round.setdefault(r["round"], {})[r["config"]] = r
    out = ["## Load: ratios to (a) no tracing, min / **median** / max over rounds", ""]
    out.append("| configuration | " + " | ".join(label for _, label in METRICS) + " | errors |")
    out.append("|---" * (len(METRICS) + 2) + "|")
    for c in configs:
        cells = []
        for key, _ in METRICS:
            ratios = [float(rs[c][key]) / float(rs["a"][key]) for rs in by_round.values()
                      if c in rs and "a" in rs and float(rs["a"][key]) > 0]
            cells.append(spread(ratios, "{:.2f}") if ratios else "n/a")
        errors = sum(int(r["errors"]) for r in rows if r["config"] == c)
        out.append(f"| ({c}) {NAMES[c]} | " + " | ".join(cells) + f" | {errors} |")
    out += ["", "Absolute values, min / **median** / max over rounds:", ""]
    out.append("| configuration | req/s | p50 ms | p99 ms | CPU ms/request | server CPU cores busy | heap after GC MB | spans received per request |")
    out.append("|---|---|---|---|---|---|---|---|")
    for c in configs:
        mine = [r for r in rows if r["config"] == c]
        col = lambda key, scale=1.0: [float(r[key]) * scale for r in mine]
        out.append(f"| ({c}) {NAMES[c]} | {spread(col('req_per_s'), '{:.0f}')} | {spread(col('p50_us', 1e-3), '{:.2f}')}"
                   f" | {spread(col('p99_us', 1e-3), '{:.2f}')} | {spread(col('cpu_ms_per_req'), '{:.3f}')}"
                   f" | {spread(col('cpu_cores'), '{:.2f}')} | {spread(col('heap_after_gc_mb'), '{:.1f}')}"
                   f" | {spread(col('spans_per_req'), '{:.3f}') if 'spans_per_req' in mine[0] else 'n/a'} |")

    if rows and "alloc_all_b_per_req" in rows[0]:
        pauses = read_tsv(results / "gc-pauses.tsv") if (results / "gc-pauses.tsv").exists() else []
        out += ["", "Allocation per request (bytes, thread by thread over each measured run and its export, "
                "min / **median** / max over rounds) and GC pauses (every pause inside the measured runs, "
                "all rounds pooled):", "",
                "| configuration | allocated per request, request threads | export threads | all threads "
                "| GC pauses | pause p50 ms | pause p99 ms |", "|---|---|---|---|---|---|---|"]
        for c in configs:
            mine = [r for r in rows if r["config"] == c and r["alloc_all_b_per_req"] not in ("", "nan", "NaN")]
            col = lambda key: [float(r[key]) for r in mine]
            ms = sorted(float(p["pause_ms"]) for p in pauses if p["config"] == c)
            rank = lambda q: ms[max(0, -(-len(ms) * q // 100) - 1)] if ms else float("nan")
            out.append(f"| ({c}) {NAMES[c]} | " + (" | ".join(spread(col(k), "{:,.0f}") for k in
                       ("alloc_request_b_per_req", "alloc_export_b_per_req", "alloc_all_b_per_req")) if mine else "n/a | n/a | n/a")
                       + f" | {len(ms)} | {rank(50):.1f} | {rank(99):.1f} |")

    spans = results / "spans.tsv"
    if spans.exists():
        out += ["", "Spans the receiver counted (all requests of the run, warm-ups included):", "",
                "| configuration | requests | spans received | spans per request |", "|---|---|---|---|"]
        for r in read_tsv(spans):
            n, s = int(r["requests"]), int(r["spans_received"])
            out.append(f"| ({r['config']}) {NAMES[r['config']]} | {n:,} | {s:,} | {s / n if n else 0:.3f} |")

    startup = results / "startup.tsv"
    if startup.exists() and read_tsv(startup):
        runs = read_tsv(startup)
        out += ["", "## Start-up: launch to first answered request (ms), min / **median** / max", "",
                "| configuration | runs | first response ms | added vs (a), medians | Liberty's own \"ready in\" s (median) "
                "| application started in s (CWWKZ0001I), min / **median** / max "
                "| server CPU ms at the first response, min / **median** / max | added CPU vs (a), medians "
                "| classes loaded (median) | added classes |",
                "|---|---|---|---|---|---|---|---|---|---|"]
        base = statistics.median(float(r["first_response_ms"]) for r in runs if r["config"] == "a") \
            if any(r["config"] == "a" for r in runs) else None
        has_cpu = "cpu_ms" in runs[0]
        median_of = lambda c, key: statistics.median(float(r[key]) for r in runs if r["config"] == c)
        base_cpu = median_of("a", "cpu_ms") if has_cpu and base is not None else None
        base_classes = median_of("a", "loaded_classes") if has_cpu and base is not None else None
        for c in sorted({r["config"] for r in runs}):
            ms = [float(r["first_response_ms"]) for r in runs if r["config"] == c]
            ready = [float(r["liberty_ready_s"]) for r in runs if r["config"] == c and r["liberty_ready_s"] != "NaN"]
            app = [float(r["app_start_s"]) for r in runs if r["config"] == c and r.get("app_start_s", "NaN") != "NaN"]
            added = f"{statistics.median(ms) - base:+.0f} ms" if base is not None else "n/a"
            out.append(f"| ({c}) {NAMES[c]} | {len(ms)} | {spread(ms, '{:.0f}')} | {added} | "
                       f"{statistics.median(ready) if ready else float('nan'):.3f} | "
                       f"{spread(app, '{:.3f}') if app else 'n/a'} | "
                       + (f"{spread([float(r['cpu_ms']) for r in runs if r['config'] == c], '{:.0f}')} | "
                          f"{median_of(c, 'cpu_ms') - base_cpu:+.0f} ms | {median_of(c, 'loaded_classes'):.0f} | "
                          f"{median_of(c, 'loaded_classes') - base_classes:+.0f} |"
                          if base_cpu is not None else "n/a | n/a | n/a | n/a |"))

    text = "\n".join(out) + "\n"
    (results / "summary.md").write_text(text)
    print(text)
    plot(rows, configs, results / "load.png")


def plot(rows, configs, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no matplotlib (Debian: apt-get install python3-matplotlib): no plot")
        return
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6))
    labels = [f"({c})\n{PLOT_LABELS[c]}" for c in configs]
    for ax, key, scale, title in [(axes[0], "req_per_s", 1.0, "Throughput (req/s, higher is better)"),
                                  (axes[1], "p99_us", 1e-3, "p99 latency (ms, lower is better)")]:
        values = [[float(r[key]) * scale for r in rows if r["config"] == c] for c in configs]
        medians = [statistics.median(v) for v in values]
        colors = ["#888888", "#9ecae1", "#3182bd", "#e6550d", "#756bb1", "#c6dbef", "#6baed6", "#08519c"][:len(configs)]
        ax.bar(range(len(configs)), medians, color=colors, alpha=0.85)
        for i, v in enumerate(values):
            ax.scatter([i] * len(v), v, color="black", s=12, zorder=3)
            # The median inside its bar, clear of the dots.
            ax.annotate(f"{medians[i]:.0f}" if scale == 1.0 else f"{medians[i]:.1f}", (i, 0),
                        ha="center", va="bottom", fontsize=9, fontweight="bold", xytext=(0, 4), textcoords="offset points")
        ax.set_xticks(range(len(configs)))
        ax.set_xticklabels(labels, fontsize=8)
        ax.set_title(title, fontsize=11)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("GET /front -> one JAX-RS Client call to /back, Open Liberty 26.0.0.3 "
                 "(bars and numbers: median over rounds; dots: each round)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"plot: {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
