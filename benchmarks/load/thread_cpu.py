"""CPU seconds per thread group (request threads, batch span processor, OkHttp, JIT, GC, other) of the
load.sh servers of the given configurations, read from /proc every 2 s while load.sh runs; a thread
that ends (pooled OkHttp threads do) keeps its last value. Rewrites OUT at each sample, so the
difference of two copies is the CPU between them; divide by the spans received in the same window.

    python3 benchmarks/load/thread_cpu.py OUT c d &   # start after load.sh has started the servers
"""
import collections
import os
import re
import signal
import subprocess
import sys
import time

GROUPS = [(r"^BatchSpanProc", "batch span processor"), (r"^OkHttp|^okhttp", "OkHttp"),
          (r"^Default Executo", "request threads"), (r"CompilerThre", "JIT"),
          (r"^GC Thread|^G1 ", "GC")]
TICKS = os.sysconf("SC_CLK_TCK")


def group(name):
    return next((g for pattern, g in GROUPS if re.search(pattern, name)), "other")


def server_pid(config):
    found = subprocess.run(["pgrep", "-f", f"tracegate-load-{config}( |$)"], capture_output=True, text=True).stdout.split()
    return found[0] if found else None


def sample(configs, seen):
    for config in configs:
        pid = server_pid(config)
        if pid is None:
            continue
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    name = f.read().strip()
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the thread ended between listing and reading
            seen[config][(pid, tid)] = (name, int(fields[11]) + int(fields[12]))  # utime + stime


def write(out, configs, seen):
    with open(out + ".tmp", "w") as f:
        for config in configs:
            seconds = collections.Counter()
            for name, ticks in seen[config].values():
                seconds[group(name)] += ticks / TICKS
            f.write(config + "\t" + "\t".join(f"{g}={s:.2f}" for g, s in sorted(seconds.items()))
                    + f"\ttotal={sum(seconds.values()):.2f}\n")
    os.replace(out + ".tmp", out)


def main():
    out, configs = sys.argv[1], sys.argv[2:]
    seen = {config: {} for config in configs}
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    while not stopping:
        sample(configs, seen)
        write(out, configs, seen)
        time.sleep(2)
    write(out, configs, seen)


if __name__ == "__main__":
    main()
