#!/usr/bin/env bash
# Tracegate's own share of an application's start, without a server: SdkColdStart.java in a fresh
# JVM per run, for each jar given, interleaved (jar1 jar2 jar1 jar2 ...), RUNS times each; prints one
# line per run and phase (classes loaded, CPU ms of the deploying thread, wall ms), then medians.
# Spans go over OTLP/HTTP to a throwaway local endpoint that answers 200 to everything.
#
#   benchmarks/load/cold-start.sh extension/target/tracegate-extension-0.1.0-SNAPSHOT.jar /tmp/before.jar
#   RUNS [10]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNS=${RUNS:-10}
[ $# -ge 1 ] || { echo "usage: $0 JAR [JAR ...]" >&2; exit 2; }
MP_CONFIG=$(find ~/.m2/repository/org/eclipse/microprofile/config/microprofile-config-api -name 'microprofile-config-api-*.jar' | sort | tail -1)
[ -n "$MP_CONFIG" ] || { echo "no microprofile-config-api jar in ~/.m2 (build the extension first)" >&2; exit 1; }
WORK=$(mktemp -d)
cleanup() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
javac -d "$WORK" -cp "$1:$MP_CONFIG" "$HERE/SdkColdStart.java"

. "$HERE/../../scripts/free-port.sh"
free_port; PORT=$FREE_PORT
python3 - "$PORT" <<'PY' &
import http.server, sys
class Ok(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Ok).serve_forever()
PY
SERVER_PID=$!
sleep 1

echo -e "run\tjar\tphase\tclasses\tcpu_ms\twall_ms" >"$WORK/runs.tsv"
for run in $(seq 1 "$RUNS"); do
  for jar in "$@"; do
    java -Xshare:auto -cp "$jar:$MP_CONFIG:$WORK" SdkColdStart "http://127.0.0.1:$PORT" 2>/dev/null \
      | awk -v r="$run" -v j="$jar" '{print r "\t" j "\t" $0}' >>"$WORK/runs.tsv"
  done
done
cat "$WORK/runs.tsv"
echo
echo "medians (min-max) over $RUNS runs:"
python3 - "$WORK/runs.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("jar\tphase\tclasses\tcpu_ms\twall_ms")
for jar in dict.fromkeys(r["jar"] for r in rows):
    for phase in dict.fromkeys(r["phase"] for r in rows):
        mine = [r for r in rows if r["jar"] == jar and r["phase"] == phase]
        cell = lambda k: f"{statistics.median(float(r[k]) for r in mine):.0f} ({min(float(r[k]) for r in mine):.0f}-{max(float(r[k]) for r in mine):.0f})"
        print(f"{jar}\t{phase}\t{cell('classes')}\t{cell('cpu_ms')}\t{cell('wall_ms')}")
PY
