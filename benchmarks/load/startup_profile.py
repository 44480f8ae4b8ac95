#!/usr/bin/env python3
"""Where a server's start goes: the execution samples of start-up JFR recordings, grouped by what
they were doing, summed over the runs of each configuration, side by side.

    benchmarks/load/startup_profile.py RESULTS_DIR [CONFIG ...]

RESULTS_DIR holds the recordings of `STARTUP_JFR=1 benchmarks/load.sh` (startup-<run>-<config>.jfr).
Only samples of the threads that deploy the applications and serve the first request (Liberty's
"Default Executor" threads) count, up to the last sample of the first request; each sample goes to
the first row whose test matches its stack (outermost frame first). The table also counts, across
all rows, the samples spent in class loading through Liberty's OSGi gateway (a dynamic import
resolved for each package); a second table, the classes defined by the first response.
"""
import collections
import json
import pathlib
import re
import statistics
import subprocess
import sys


# Tests on a stack's frames, as "class.method" strings, outermost first.
def dispatching(f):
    return any("SynchronousDispatcher" in x for x in f)


def in_first_request(f):
    return dispatching(f) or any("ResteasyClient" in x for x in f)


def in_tracegate(f):
    return any(x.startswith("dev.tracegate.internal.") for x in f)


# (row, test)
ROWS = [
    ("the first request: Tracegate's filters", lambda f: dispatching(f) and in_tracegate(f)),
    ("the first request: the rest (RESTEasy's dispatch, the resource, the JAX-RS client)", in_first_request),
    ("Tracegate's CDI observers (the SDK's build, MicroProfile Config, beans and interceptors)",
     lambda f: any(x.startswith("dev.tracegate.internal.cdi.") for x in f)),
    ("RESTEasy registering the providers of the Providers files",
     lambda f: any("ProviderFactory" in x and ("register" in x.lower() or "Contracts" in x) for x in f)),
    ("Liberty's CDI listing a library's classes (CDIContainerImpl.processLibraries)",
     lambda f: any("processLibraries" in x for x in f)),
    ("any other Tracegate code", in_tracegate),
    ("the rest (Weld, Liberty's CDI, web container, application manager)", lambda f: True),
]
GATEWAY = "ModuleContainer.resolveDynamic"
THREAD = re.compile(r"Default Executor")


def samples(recording):
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", str(recording)],
        check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        if not THREAD.search(thread):
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in reversed((values.get("stackTrace") or {}).get("frames") or [])]
        yield values["startTime"], frames


def until_first_response(recording):
    """The samples up to the end of the first request (the recording goes on to the server's stop),
    and that end's time."""
    taken = sorted(samples(recording))
    in_request = [time for time, frames in taken if in_first_request(frames)]
    end = max(in_request) if in_request else taken[-1][0]
    return [frames for time, frames in taken if time <= end], end


def classes_defined(recording, end):
    """Classes defined up to `end`: on the deploying and request threads, and on all threads."""
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "1", "--events", "jdk.ClassDefine", str(recording)],
        check=True, capture_output=True, text=True).stdout
    on_threads = everywhere = 0
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        if values["startTime"] <= end:
            everywhere += 1
            if THREAD.search((values.get("eventThread") or {}).get("javaName") or ""):
                on_threads += 1
    return on_threads, everywhere


def main():
    results = pathlib.Path(sys.argv[1])
    configs = sys.argv[2:] or sorted({p.stem.split("-")[-1] for p in results.glob("startup-*-*.jfr")})
    rows = collections.defaultdict(collections.Counter)
    gateway = collections.Counter()
    runs = collections.Counter()
    defined = collections.defaultdict(list)
    for config in configs:
        for recording in sorted(results.glob(f"startup-*-{config}.jfr")):
            runs[config] += 1
            taken, end = until_first_response(recording)
            defined[config].append(classes_defined(recording, end))
            for frames in taken:
                row = next(name for name, test in ROWS if test(frames))
                rows[row][config] += 1
                if any(GATEWAY in f for f in frames):
                    gateway[config] += 1
    print("| where | " + " | ".join(f"{c} ({runs[c]} starts)" for c in configs) + " |")
    print("|---|" + "---|" * len(configs))
    for name, _ in ROWS:
        print(f"| {name} | " + " | ".join(str(rows[name][c]) for c in configs) + " |")
    print("| **all** | " + " | ".join(str(sum(rows[n][c] for n, _ in ROWS)) for c in configs) + " |")
    print("| of which class look-ups through the OSGi gateway | "
          + " | ".join(str(gateway[c]) for c in configs) + " |")
    print()
    print("| classes defined by the first response, median of the starts | "
          + " | ".join(c for c in configs) + " |")
    print("|---|" + "---|" * len(configs))
    for label, index in (("on the deploying and request threads", 0), ("on all threads", 1)):
        print(f"| {label} | "
              + " | ".join(f"{statistics.median(d[index] for d in defined[c]):.0f}" for c in configs) + " |")


if __name__ == "__main__":
    main()
