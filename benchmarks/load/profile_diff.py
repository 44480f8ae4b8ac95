#!/usr/bin/env python3
"""Where configuration B spends more than configuration A, per request, from load.sh's PROFILE run.

    benchmarks/load/profile_diff.py RESULTS A B [--top N]

Reads RESULTS/profile-<A|B>-<cpu|alloc>.collapsed (async-profiler's collapsed stacks, by thread,
with totals: nanoseconds of CPU or bytes allocated) and RESULTS/rounds.tsv (the requests of the
measured runs the profile covers), and prints, per request: the totals by thread group; the cost
on the request threads inside the tracer's own code (stacks through a frame of a package in
--own), by its outermost such frame; then the frames whose inclusive cost grew most from A to B on
the request threads, and the same for the frames' own (self) cost. Lambda and proxy class numbers are dropped so frames of two JVMs match.
"""
import argparse
import collections
import csv
import os
import re
import sys

NUMBERED = re.compile(r"0x[0-9a-f]+|(?<=GeneratedMethodAccessor)[0-9]+|(?<=\$Proxy)[0-9]+|(?<=\$\$Lambda\$)[0-9]+")


def thread_group(thread):
    # Native thread names are cut at 15 characters.
    name = thread.strip("[]").rsplit(" tid=", 1)[0]
    if name.startswith("Default Execut"):
        return "request threads"
    if name.startswith(("BatchSpanProce", "HttpClient", "jdkhttp", "OkHttp", "tracegate")):
        return "export threads"
    if "GC" in name or name.startswith(("G1", "GC")):
        return "GC"
    if name.startswith(("C1 ", "C2 ", "C1-", "C2-")) or "Compiler" in name:
        return "JIT"
    return "other"


def read(path):
    stacks = collections.Counter()
    with open(path) as lines:
        for line in lines:
            stack, _, value = line.rstrip("\n").rpartition(" ")
            if stack:
                stacks[NUMBERED.sub("", stack)] += int(value)
    return stacks


def requests_of(results, config):
    with open(os.path.join(results, "rounds.tsv")) as rounds:
        return sum(int(row["requests"]) for row in csv.DictReader(rounds, delimiter="\t") if row["config"] == config)


def costs(stacks, tracer_packages):
    groups, inclusive, own, tracer = (collections.Counter() for _ in range(4))
    for stack, value in stacks.items():
        frames = stack.split(";")
        group = thread_group(frames[0])
        groups[group] += value
        if group != "request threads":
            continue
        for frame in set(frames[1:]):
            inclusive[frame] += value
        own[frames[-1]] += value
        entry = next((f for f in frames[1:] if f.startswith(tracer_packages)), None)
        if entry:
            tracer[entry] += value
    return groups, inclusive, own, tracer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--own", default="dev/tracegate/internal,io/opentelemetry", help="the tracer's packages, comma-separated"
    )
    args = parser.parse_args()
    for kind, unit, scale in (("cpu", "µs", 1e-3), ("alloc", "B", 1)):
        paths = [os.path.join(args.results, f"profile-{c}-{kind}.collapsed") for c in (args.a, args.b)]
        if not all(os.path.exists(p) for p in paths):
            continue
        per_request = []
        for config, path in zip((args.a, args.b), paths):
            requests = requests_of(args.results, config)
            counters = costs(read(path), tuple(args.own.split(",")))
            per_request.append(tuple({k: v * scale / requests for k, v in c.items()} for c in counters))
        print(f"## {kind}: {unit} per request, {args.a} -> {args.b}\n")
        for group in sorted(set(per_request[0][0]) | set(per_request[1][0])):
            a, b = per_request[0][0].get(group, 0), per_request[1][0].get(group, 0)
            print(f"{group:>16}: {a:10.2f} -> {b:10.2f}  ({b - a:+.2f})")
        for config, counters in zip((args.a, args.b), per_request):
            tracer = counters[3]
            print(f"\n{config}: request threads inside {args.own}: {sum(tracer.values()):.2f}")
            for frame, value in sorted(tracer.items(), key=lambda item: -item[1])[:8]:
                print(f"{value:10.2f}  {frame}")
        for title, index in (("inclusive", 1), ("self", 2)):
            a, b = per_request[0][index], per_request[1][index]
            grown = sorted(set(a) | set(b), key=lambda f: b.get(f, 0) - a.get(f, 0), reverse=True)
            print(f"\nrequest threads, {title}, largest growth:")
            for frame in grown[: args.top]:
                print(f"{b.get(frame, 0) - a.get(frame, 0):+10.2f}  {a.get(frame, 0):10.2f} -> {b.get(frame, 0):10.2f}  {frame}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
