"""Young-collection pauses from G1 logs written with -Xlog:gc:file=... (EXTRA_<config> in load.sh):
count, total, median, p90 and max, skipping the first SKIP seconds (start-up and warm-up).

    python3 benchmarks/load/gc_pauses.py [--skip 60] gc-a-*.log gc-c-*.log ...
"""
import argparse
import re
import statistics

PAUSE = re.compile(r"\[(\d+\.\d+)s\].*Pause Young.* (\d+)M->(\d+)M\(\d+M\) (\d+\.\d+)ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", type=float, default=60.0, help="seconds after the JVM start to ignore")
    parser.add_argument("logs", nargs="+")
    args = parser.parse_args()
    print("log\tpauses\ttotal_s\tmedian_ms\tp90_ms\tmax_ms\theap_after_median_mb")
    for log in args.logs:
        pauses, after = [], []
        with open(log) as f:
            for line in f:
                m = PAUSE.search(line)
                if m and float(m.group(1)) > args.skip:
                    pauses.append(float(m.group(4)))
                    after.append(int(m.group(3)))
        if len(pauses) < 2:
            print(f"{log}\t{len(pauses)}\t-\t-\t-\t-\t-")
            continue
        p90 = statistics.quantiles(pauses, n=10)[-1]
        print(f"{log}\t{len(pauses)}\t{sum(pauses) / 1000:.2f}\t{statistics.median(pauses):.1f}\t{p90:.1f}"
              f"\t{max(pauses):.1f}\t{statistics.median(after):.0f}")


if __name__ == "__main__":
    main()
