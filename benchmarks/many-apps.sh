#!/usr/bin/env bash
# Many applications in one Open Liberty with the Tracegate jar in lib/global: what each extra
# application costs. For each configuration and each application count, one server with that many
# copies of the load benchmark's WAR (each its own application, so its own service.name):
#   start_ms     launch of `server start` to every application answering GET /<app>/api/back
#   threads      the server JVM's threads, after REQUESTS requests per application
#   heap_kb      used heap after a full GC (jcmd GC.run, GC.heap_info), the same moment; the class
#                histogram (jcmd GC.class_histogram) goes to RESULTS/histogram-<run>.txt
#   export_threads  threads named BatchSpanProcessor*, jdkhttp*, HttpClient*, OkHttp*, Okio* (the export's)
#   connections  TCP connections established to the OTLP receiver
#   spans        spans the receiver counted for this server's applications, against 3 x REQUESTS x apps sent
# Configurations: none (no jar), tracegate (the jar built from this checkout) and, with BASELINE_JAR
# set, baseline (another Tracegate jar, e.g. one built from an earlier commit), interleaved per round.
#
# Knobs (environment): COUNTS ["1 5 20"]  CONFIGS ["none tracegate" + "baseline" with BASELINE_JAR]
#   ROUNDS [1]  REQUESTS [20] per application  RESULTS [benchmarks/load/target/many-apps/<UTC time>]
#   SKIP_BUILD [unset]: reuse benchmarks/load/target (the load benchmark's build)
# Results: RESULTS/many-apps.tsv, one line per server run. Needs Java 17, Maven, curl, jcmd, ss.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD="$ROOT/benchmarks/load"
TARGET="$LOAD/target"
WLP="$TARGET/liberty/wlp"
COUNTS=${COUNTS:-1 5 20}
ROUNDS=${ROUNDS:-1}
REQUESTS=${REQUESTS:-20}
CONFIGS=${CONFIGS:-none tracegate${BASELINE_JAR:+ baseline}}
RESULTS=${RESULTS:-$TARGET/many-apps/$(date -u +%Y%m%dT%H%M%SZ)}

say() { printf '\033[1m[%s] %s\033[0m\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { printf 'many-apps.sh: %s\n' "$*" >&2; exit 1; }
. "$ROOT/scripts/free-port.sh"

SERVER=""
RECEIVER_PID=""
cleanup() {
  if [ -n "$SERVER" ]; then "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true; fi
  if [ -n "$RECEIVER_PID" ]; then kill "$RECEIVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${SKIP_BUILD:-}" ] || [ ! -d "$WLP" ]; then
  say "Building the extension and the load app; unpacking Open Liberty ..."
  (cd "$ROOT" && mvn -B -q -Pbenchmarks -pl benchmarks/load -am package -DskipTests) \
    || fail "the build failed"
fi
case " $CONFIGS " in *" baseline "*) [ -f "${BASELINE_JAR:-}" ] || fail "configuration baseline needs BASELINE_JAR" ;; esac
mkdir -p "$RESULTS"

free_port; RECEIVER_PORT=$FREE_PORT
java -cp "$(cat "$TARGET/receiver.classpath")" "$LOAD/receiver/CountingOtlpReceiver.java" "$RECEIVER_PORT" \
  >"$RESULTS/receiver.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/counts" && break; sleep 0.5; done

# The spans the receiver counted for services whose name starts with $1.
spans_of_prefix() {
  curl -s "http://127.0.0.1:$RECEIVER_PORT/counts" | awk -v p="$1" 'index($1, p) == 1 {n += $2} END {print n + 0}'
}

# Writes server $1 for configuration $2 with $3 applications named $4-01 ... on port $5.
create_server() {
  local name=$1 cfg=$2 apps=$3 prefix=$4 port=$5 dir i app
  dir="$WLP/usr/servers/$name"
  rm -rf "$dir"
  "$WLP/bin/server" create "$name" >/dev/null
  mkdir -p "$dir/apps"
  {
    echo "<server description=\"Tracegate many applications: $cfg, $apps\">"
    echo "  <featureManager><feature>restfulWS-3.1</feature><feature>restfulWSClient-3.1</feature>"
    echo "    <feature>cdi-4.0</feature><feature>mpConfig-3.1</feature></featureManager>"
    echo "  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"$port\" httpsPort=\"-1\"/>"
    echo "  <applicationManager autoExpand=\"true\"/>"
    for i in $(seq -w 1 "$apps"); do
      app="$prefix-$i"
      cp "$TARGET/load-app.war" "$dir/apps/$app.war"
      echo "  <webApplication location=\"$app.war\" name=\"$app\" contextRoot=\"/$app\"/>"
    done
    echo "</server>"
  } >"$dir/server.xml"
  {
    echo "-Xmx1g"
    # Each application is named by its WAR (java:app/AppName), so no otel.service.name here.
    echo "-Dtracing.random_sampling=100"
    echo "-Dotel.traces.exporter=otlp"
    echo "-Dotel.exporter.otlp.protocol=http/protobuf"
    echo "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:$RECEIVER_PORT"
    echo "-Dotel.bsp.schedule.delay=1000"
  } >"$dir/jvm.options"
  case $cfg in
    tracegate) mkdir -p "$dir/lib/global" && cp "$TARGET/tracers/tracegate-extension.jar" "$dir/lib/global/" ;;
    baseline) mkdir -p "$dir/lib/global" && cp "$BASELINE_JAR" "$dir/lib/global/tracegate-extension.jar" ;;
  esac
}

measure() {
  local cfg=$1 apps=$2 round=$3 port prefix name start ready pid i app threads heap export connections spans sent
  free_port; port=$FREE_PORT
  prefix="r$round-$cfg-$apps"
  name="tracegate-many-$cfg-$apps"
  create_server "$name" "$cfg" "$apps" "$prefix" "$port"
  start=$(date +%s%N)
  SERVER=$name
  "$WLP/bin/server" start "$name" >"$RESULTS/start-$prefix.log" 2>&1 || fail "$name did not start"
  for i in $(seq -w 1 "$apps"); do
    app="$prefix-$i"
    for _ in $(seq 1 2400); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/$app/api/back")" = 200 ] && break
      sleep 0.05
    done
  done
  ready=$(date +%s%N)
  pid=$(cat "$WLP/usr/servers/.pid/$name.pid")
  for i in $(seq -w 1 "$apps"); do
    for _ in $(seq 1 "$REQUESTS"); do
      curl -s -o /dev/null "http://127.0.0.1:$port/$prefix-$i/api/front"
    done
  done
  sent=$((3 * REQUESTS * 10#$apps))
  [ "$cfg" = none ] && sent=0
  for _ in $(seq 1 30); do
    [ "$(spans_of_prefix "$prefix-")" -ge "$sent" ] && break
    sleep 1
  done
  sleep 2
  spans=$(spans_of_prefix "$prefix-")
  connections=$(ss -Htn state established "( dport = :$RECEIVER_PORT )" | wc -l)
  jcmd "$pid" GC.run >/dev/null
  heap=$(jcmd "$pid" GC.heap_info | grep -o -E 'used [0-9]+K' | head -1 | grep -o -E '[0-9]+')
  # What the heap holds, by class, for comparing configurations (jcmd runs a full GC first).
  jcmd "$pid" GC.class_histogram >"$RESULTS/histogram-$prefix.txt"
  jcmd "$pid" Thread.print >"$RESULTS/threads-$prefix.txt"
  threads=$(grep -c '^"' "$RESULTS/threads-$prefix.txt")
  export=$(grep -c -E '^"(BatchSpanProcessor|jdkhttp|HttpClient|OkHttp|Okio)' "$RESULTS/threads-$prefix.txt" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$cfg" "$apps" $(((ready - start) / 1000000)) \
    "$threads" "$export" "$heap" "$connections" "$spans" "$sent" >>"$RESULTS/many-apps.tsv"
  "$WLP/bin/server" stop "$name" >/dev/null 2>&1 || true
  SERVER=""
  say "$cfg, $apps applications: start $(((ready - start) / 1000000)) ms, $threads threads ($export export), heap $heap KB, $connections connections, spans $spans of $sent"
}

printf 'round\tconfig\tapps\tstart_ms\tthreads\texport_threads\theap_kb\tconnections\tspans\tspans_sent\n' >"$RESULTS/many-apps.tsv"
{
  echo "date_utc $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "baseline_jar ${BASELINE_JAR:-}"
  echo "knobs COUNTS=\"$COUNTS\" CONFIGS=\"$CONFIGS\" ROUNDS=$ROUNDS REQUESTS=$REQUESTS"
} >"$RESULTS/machine.txt"
for round in $(seq 1 "$ROUNDS"); do
  for apps in $COUNTS; do
    for cfg in $CONFIGS; do
      measure "$cfg" "$(printf '%02d' "$apps")" "$round"
    done
  done
done
column -t "$RESULTS/many-apps.tsv"
say "Results: $RESULTS/many-apps.tsv"
