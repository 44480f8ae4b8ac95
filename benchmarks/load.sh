#!/usr/bin/env bash
# The load and start-up benchmark: one Open Liberty 26.0.0.3 install, five servers, one per
# configuration, measured with wrk in interleaved rounds (a b c d e a b c d e ...) so that the
# machine's noise hits all alike:
#   a  no tracing
#   b  Tracegate, tracing.random_sampling=0
#   c  Tracegate, tracing.random_sampling=100, OTLP to the receiver
#   d  Liberty's own mpTelemetry-2.0, 100 % (parent-based always-on), OTLP to the receiver
#   e  the OpenTelemetry Java agent 2.33.1, 100 %, OTLP to the receiver
#   f  like b, g  like c, but with the Tracegate jar BASELINE_JAR: a before/after of a change in one run
#   h  like c (same jar), for a setting tried in EXTRA_h, e.g. EXTRA_h="-Dotel.bsp.max.export.batch.size=512"
#   n  no tracing, but a JAX-RS server and client filter pair that does nothing, registered as Tracegate's
#      (load/noop-filters/, a jar in lib/global): what the server charges for having such filters at all
#   s  the bare OpenTelemetry SDK 100 %, OTLP to the receiver: a filter pair registered as Tracegate's that
#      makes the same spans with the same attributes on the SDK's own builders, no autoconfigure
#      (load/sdk-floor/, its jar and the SDK's jars in lib/global): the floor any SDK-based filter pair stands on
# Each request is GET /load/api/front, which makes one JAX-RS Client call to /load/api/back on the
# same server. The receiver (load/receiver/CountingOtlpReceiver.java) parses and counts every span.
# Then start-up: time from launching the server to the first answered request, for STARTUP_CONFIGS.
# Everything listens on 127.0.0.1 on free ports; every server is stopped at the end, also on Ctrl-C.
#
#   benchmarks/load.sh            (about 26 minutes with the defaults below; prints the summary)
#
# Knobs (environment variables, defaults in brackets):
#   ROUNDS [6]  DURATION [20] s per measured run  WARMUP [45] s per server before the rounds
#   ROUND_WARMUP [5] s unmeasured load just before each measured run  CONNECTIONS [32]  THREADS [1]
#   CONFIGS ["a b c d e"]  STARTUP_CONFIGS ["a c e"]  STARTUP_RUNS [5] (0 skips start-up)
#   RESULTS [benchmarks/load/target/results/<UTC time>]  SKIP_BUILD [unset]
#   OTEL_EXTRA [unset]: more JVM options for the tracing servers b-h, e.g. "-Dotel.bsp.max.export.batch.size=2048"
#   BASELINE_JAR [unset]: the Tracegate jar of configurations f and g (e.g. one built from an earlier commit)
#   EXTRA_<config> [unset]: more JVM options for one configuration only, e.g. EXTRA_g="-Dotel.bsp.max.export.batch.size=2048"
#   JFR [unset]: if set, records a JFR profile of each server during its first measured run, into RESULTS
#   PROFILE [unset]: cpu or alloc: profiles each server with async-profiler over all its measured runs,
#     into RESULTS/profile-<config>-<cpu|alloc>.collapsed (stacks by thread, one line per stack, with
#     the nanoseconds of CPU or bytes allocated);
#     benchmarks/load/profile_diff.py compares two configurations from them
#   STARTUP_JFR [unset]: if set, records a JFR profile of each start-up (launch to the first response
#     and the stop), into RESULTS/startup-<run>-<config>.jfr: class loading, 2 ms sampling, stack depth 512
# Smoke run (a minute or two): ROUNDS=1 DURATION=2 WARMUP=2 ROUND_WARMUP=1 STARTUP_RUNS=1 benchmarks/load.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD="$ROOT/benchmarks/load"
TARGET="$LOAD/target"
WLP="$TARGET/liberty/wlp"
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-45}
ROUND_WARMUP=${ROUND_WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
CONFIGS=${CONFIGS:-a b c d e}
STARTUP_CONFIGS=${STARTUP_CONFIGS:-a c e}
STARTUP_RUNS=${STARTUP_RUNS:-5}
RESULTS=${RESULTS:-$TARGET/results/$(date -u +%Y%m%dT%H%M%SZ)}
# Spans per second at 100 % can reach ~3 per request x ~2,500 req/s: a queue this size never overflows
# between exports (the receiver's counts show it), for all three tracers alike.
BSP_QUEUE=65536

say() { printf '\033[1m[%s] %s\033[0m\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { printf 'load.sh: %s\n' "$*" >&2; exit 1; }

declare -A NAME_OF=([a]="no tracing" [b]="Tracegate 0 %" [c]="Tracegate 100 %" [d]="Liberty mpTelemetry-2.0 100 %"
  [e]="OTel Java agent 100 %" [f]="Tracegate 0 %, baseline jar" [g]="Tracegate 100 %, baseline jar"
  [h]="Tracegate 100 %, EXTRA_h" [n]="no-op filter pair" [s]="bare SDK filter pair 100 %")
declare -A SERVICE_OF=([a]=none [b]=tracegate-0 [c]=tracegate-100 [d]=mptelemetry [e]=javaagent [f]=baseline-0 [g]=baseline-100 [h]=tracegate-100-h [n]=none [s]=sdk-floor)
declare -A PORT_OF REQUESTS_OF

# free_port: a free port below the ephemeral range, never the same one twice (FREE_PORT).
. "$ROOT/scripts/free-port.sh"

server_name() { echo "tracegate-load-$1"; }
server_pid() { cat "$WLP/usr/servers/.pid/$(server_name "$1").pid"; }
endpoint() { echo "http://127.0.0.1:${PORT_OF[$1]}/load/api/front"; }

RECEIVER_PID=""
cleanup() {
  local cfg
  for cfg in a b c d e f g h n s; do
    [ -d "$WLP/usr/servers/$(server_name "$cfg")" ] && stop_server "$cfg"
  done
  if [ -n "$RECEIVER_PID" ]; then kill "$RECEIVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tools() {
  for tool in java mvn curl jcmd; do command -v "$tool" >/dev/null || fail "$tool is required"; done
  if ! command -v wrk >/dev/null; then
    say "Installing wrk (Debian package) ..."
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
      || fail "wrk is required (apt-get install wrk)"
  fi
  PLOT_PYTHON=""
  if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then PLOT_PYTHON=/usr/bin/python3
  elif apt-get install -y python3-matplotlib >/dev/null 2>&1 && /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
    PLOT_PYTHON=/usr/bin/python3
  fi
}

build() {
  [ -n "${SKIP_BUILD:-}" ] && [ -d "$WLP" ] && { build_noop_filters; build_sdk_floor; return; }
  say "Building the extension and the load app; unpacking the full Open Liberty 26.0.0.3 (first time: 352 MB) ..."
  mkdir -p "$RESULTS"
  (cd "$ROOT" && mvn -B -q -Pbenchmarks -pl benchmarks/load -am package -DskipTests) >"$RESULTS/build.log" 2>&1 \
    || { tail -30 "$RESULTS/build.log" >&2; fail "the build failed: $RESULTS/build.log"; }
  build_noop_filters
  build_sdk_floor
}

# A jar of JAX-RS filters compiled from $LOAD/$1/*.java, with a Providers service file naming them:
# $2 the jar, $3 more class path (may be empty), then the filter classes.
build_filters_jar() {
  local sources=$1 jar=$2 classpath=$3 classes="$TARGET/$1/classes" api
  shift 3
  api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-10*.jar' | sort | tail -1)
  [ -n "$api" ] || fail "jakarta.jakartaee-api 10 not found in ~/.m2 (the build above fetches it)"
  rm -rf "$classes" && mkdir -p "$classes/META-INF/services"
  javac -d "$classes" -cp "$api${classpath:+:$classpath}" "$LOAD/$sources"/*.java
  printf '%s\n' "$@" >"$classes/META-INF/services/jakarta.ws.rs.ext.Providers"
  jar cf "$jar" -C "$classes" .
}

# The jar of configuration n: the two no-op filters.
build_noop_filters() {
  build_filters_jar noop-filters "$TARGET/tracers/noop-filters.jar" "" \
    dev.tracegate.bench.noop.NoopServerFilter dev.tracegate.bench.noop.NoopClientFilter
}

# The jar of configuration s, next to the SDK's jars the build copied into $TARGET/sdk-floor/lib.
build_sdk_floor() {
  local sdk
  sdk=$(find "$TARGET/sdk-floor/lib" -name 'opentelemetry-*.jar' | tr '\n' ':')
  build_filters_jar sdk-floor "$TARGET/sdk-floor/lib/sdk-floor-filters.jar" "$sdk" \
    dev.tracegate.bench.sdkfloor.SdkFloorServerFilter dev.tracegate.bench.sdkfloor.SdkFloorClientFilter
}

# Writes one server of the install for configuration $1.
create_server() {
  local cfg=$1 name dir option feature="" receiver="http://127.0.0.1:$RECEIVER_PORT"
  name=$(server_name "$cfg")
  dir="$WLP/usr/servers/$name"
  rm -rf "$dir"
  "$WLP/bin/server" create "$name" >/dev/null
  rm -f "$dir/server.xml"
  mkdir -p "$dir/apps"
  cp "$TARGET/load-app.war" "$dir/apps/load-app.war"
  [ "$cfg" = d ] && feature="<feature>mpTelemetry-2.0</feature>"
  cat >"$dir/server.xml" <<XML
<server description="Tracegate load benchmark, configuration $cfg: ${NAME_OF[$cfg]}">
  <featureManager>
    <feature>restfulWS-3.1</feature>
    <feature>restfulWSClient-3.1</feature>
    <feature>cdi-4.0</feature>
    <feature>mpConfig-3.1</feature>
    $feature
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="\${http.port}" httpsPort="-1"/>
  <!-- /front holds a thread while /back needs another: about 2 x connections + 16 (LIBERTY-FACTS.md). -->
  <executor coreThreads="$((2 * CONNECTIONS + 16))"/>
  <applicationManager autoExpand="true"/>
  <webApplication location="load-app.war" name="load" contextRoot="/load"/>
</server>
XML
  echo "http.port=${PORT_OF[$cfg]}" >"$dir/bootstrap.properties"
  {
    echo "-Xmx1g"
    # Every pause, for the GC columns (only the pauses inside each measured run are counted).
    echo "-Xlog:gc:file=$RESULTS/gc-$cfg.log"
    if [ "$cfg" != a ] && [ "$cfg" != n ]; then
      # Traces only, over OTLP/HTTP to the counting receiver, for every tracer alike.
      echo "-Dotel.service.name=${SERVICE_OF[$cfg]}"
      echo "-Dotel.traces.exporter=otlp"
      echo "-Dotel.metrics.exporter=none"
      echo "-Dotel.logs.exporter=none"
      echo "-Dotel.exporter.otlp.protocol=http/protobuf"
      echo "-Dotel.exporter.otlp.endpoint=$receiver"
      echo "-Dotel.bsp.max.queue.size=$BSP_QUEUE"
      # The last spans of a run leave within a second, so drain() below need not wait long.
      echo "-Dotel.bsp.schedule.delay=1000"
      for option in ${OTEL_EXTRA:-}; do echo "$option"; done
    fi
    local extra="EXTRA_$cfg"
    for option in ${!extra:-}; do echo "$option"; done
    case $cfg in
      b|f) echo "-Dtracing.random_sampling=0" ;;
      c|g|h) echo "-Dtracing.random_sampling=100" ;;
      d) echo "-Dotel.sdk.disabled=false" ;;
      e) echo "-javaagent:$TARGET/tracers/opentelemetry-javaagent.jar" ;;
    esac
  } >"$dir/jvm.options"
  case $cfg in
    b|c|h) mkdir -p "$dir/lib/global" && cp "$TARGET/tracers/tracegate-extension.jar" "$dir/lib/global/" ;;
    f|g) mkdir -p "$dir/lib/global" && cp "$BASELINE_JAR" "$dir/lib/global/tracegate-extension.jar" ;;
    n) mkdir -p "$dir/lib/global" && cp "$TARGET/tracers/noop-filters.jar" "$dir/lib/global/" ;;
    s) mkdir -p "$dir/lib/global" && cp "$TARGET"/sdk-floor/lib/*.jar "$dir/lib/global/" ;;
  esac
}

# Starts configuration $1's server and waits for its first answered request.
start_server() {
  local cfg=$1
  "$WLP/bin/server" start "$(server_name "$cfg")" >"$RESULTS/start-$cfg.log" 2>&1 \
    || { cat "$RESULTS/start-$cfg.log" >&2; fail "server $cfg did not start"; }
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(endpoint "$cfg")")" = 200 ] && return
    sleep 0.05
  done
  fail "configuration $cfg never answered $(endpoint "$cfg"): $WLP/usr/servers/$(server_name "$cfg")/logs/messages.log"
}

# Runs async-profiler command $2 in server $1 (loading its library the first time); the samples of
# every measured run add up, each stop rewrites the file with them all.
async_profiler() {
  local event out
  case $PROFILE in
    cpu) event="event=cpu,interval=1ms" ;;
    alloc) event="event=alloc" ;;
    *) fail "PROFILE is cpu or alloc, not $PROFILE" ;;
  esac
  case $2 in start|resume) set -- "$1" "$2,$event,threads" ;; esac
  # Quoted again: jcmd would otherwise split the options at '='.
  out=$(jcmd "$1" JVMTI.agent_load "$TARGET/async-profiler/linux-x64/libasyncProfiler.so" "\"$2\"" 2>&1)
  case $out in *ERROR*|*"return code: "[1-9]*) fail "async-profiler: $2 failed in process $1: $out" ;; esac
}

# Records the next start of configuration $1 into JFR file $2 (jvm.options is read at each start).
# The settings: the running JDK's profile.jfc with class loading on, 2 ms sampling, 1 ms lock/IO thresholds.
startup_jfr() {
  local options="$WLP/usr/servers/$(server_name "$1")/jvm.options" settings="$RESULTS/startup.jfc"
  if [ ! -f "$settings" ]; then
    sed -E -e 's/(control="class-loading">)false/\1true/' -e 's/(control="method-sampling-java-interval">)[0-9]+ ms/\12 ms/' \
        -e 's/(control="(locking|file|socket)-threshold">)[0-9]+ ms/\11 ms/' \
        "$(java -XshowSettings:properties -version 2>&1 | awk '$1 == "java.home" {print $3}')/lib/jfr/profile.jfc" >"$settings"
  fi
  sed -i -e '/^-XX:StartFlightRecording=/d' -e '/^-XX:FlightRecorderOptions=/d' "$options"
  echo "-XX:StartFlightRecording=filename=$2,settings=$settings" >>"$options"
  echo "-XX:FlightRecorderOptions=stackdepth=512" >>"$options"
}

# Stops configuration $1's server if it runs (a stopped server answers at once).
stop_server() { "$WLP/bin/server" stop "$(server_name "$1")" >/dev/null 2>&1 || true; }

# Load on configuration $1 for $2 seconds; sets RESULT_LINE (see report.lua) and counts the requests.
run_wrk() {
  local cfg=$1 seconds=$2 out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LOAD/report.lua" "$(endpoint "$cfg")")
  RESULT_LINE=$(grep '^RESULT ' <<<"$out") || fail "no result from wrk: $out"
  local requests
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$RESULT_LINE")
  REQUESTS_OF[$cfg]=$(( ${REQUESTS_OF[$cfg]:-0} + requests ))
}

spans_of() { curl -s "http://127.0.0.1:$RECEIVER_PORT/counts" | awk -v s="$1" '$1 == s {n = $2} END {print n + 0}'; }

# Waits until configuration $1's spans stop arriving (its export queue is empty; at most 60 s), so
# that its exporting never runs into the next configuration's measurement and its CPU is all counted.
drain() {
  case $1 in a|b|f|n) return 0 ;; esac
  local last now quiet=0
  last=$(spans_of "${SERVICE_OF[$1]}")
  for _ in $(seq 1 60); do
    sleep 1
    now=$(spans_of "${SERVICE_OF[$1]}")
    if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -ge 3 ] && return
    last=$now
  done
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# A snapshot of the bytes each thread of process $1 has allocated so far (HotSpot's per-thread
# counters, as `jcmd Thread.print -e` prints them: at least 3 significant digits), into file $2:
# the JVM's uptime, then id, group, bytes and name of each thread. Groups: request (Liberty's
# Default Executor), export (batch span processors, OkHttp, the JDK's HttpClient), other.
alloc_snapshot() {
  local uptime
  uptime=$(jcmd "$1" VM.uptime 2>/dev/null | awk 'NR == 2 {printf "%.0f", $1 * 1000}')
  if [ -z "$uptime" ]; then printf 'uptime_ms\tNaN\n' >"$2"; return; fi
  printf 'uptime_ms\t%s\n' "$uptime" >"$2"
  jcmd "$1" Thread.print -e 2>/dev/null | awk '/^"/ && match($0, /allocated=[0-9.]+[BKMG]/) {
      v = substr($0, RSTART + 10, RLENGTH - 10); unit = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
      bytes = n * (unit == "K" ? 1024 : unit == "M" ? 1048576 : unit == "G" ? 1073741824 : 1)
      name = $0; sub(/^"/, "", name); sub(/" #[0-9]+ .*/, "", name)
      id = $0; sub(/^.*" #/, "", id); sub(/ .*/, "", id)
      group = name ~ /^Default Executor-thread-/ ? "request" : name ~ /BatchSpanProcessor|^OkHttp|^HttpClient-/ ? "export" : "other"
      printf "%s\t%s\t%.0f\t%s\n", id, group, bytes, name }' >>"$2"
}

# Bytes allocated between snapshots $1 and $2 by the request threads, the export threads and all
# threads, per request ($3 requests): thread by thread, a thread new in $2 counting from zero.
alloc_per_request() {
  awk -F'\t' -v n="$3" 'FNR == 1 {if ($2 == "NaN") failed = 1; next} NR == FNR {before[$1] = $3; next}
      {d = $3 - ($1 in before ? before[$1] : 0); sum[$2] += d; all += d}
      END {m = n > 0 ? n : 1; if (failed) {printf "NaN\tNaN\tNaN"; exit}
           printf "%.0f\t%.0f\t%.0f", sum["request"] / m, sum["export"] / m, all / m}' "$1" "$2"
}

# The GC pauses (ms) that config $1's JVM logged between uptimes $2 and $3 (ms), one per line.
gc_pauses() {
  [ -f "$RESULTS/gc-$1.log" ] && [ "$2" != NaN ] && [ "$3" != NaN ] || return 0
  awk -v from="$2" -v to="$3" 'match($0, /^\[[0-9.]+s\]/) && /Pause/ && match($0, / [0-9.]+ms$/) {
      t = substr($0, 2, index($0, "s]") - 2) * 1000; ms = substr($0, RSTART + 1, RLENGTH - 3)
      if (t >= from && t <= to) print ms }' "$RESULTS/gc-$1.log"
}

# p50 and p99 (nearest rank) of the numbers on standard input, and their count.
percentiles() {
  sort -g | awk '{v[NR] = $1} END {if (NR == 0) {print "NaN\tNaN\t0"; exit}
      i50 = int(0.5 * NR + 0.999); i99 = int(0.99 * NR + 0.999); printf "%s\t%s\t%d", v[i50], v[i99], NR}'
}

# The used heap after a full GC (the live set), in KB.
heap_after_gc_kb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | grep -o -E 'used [0-9]+K' | head -1 | grep -o -E '[0-9]+'
}

field() { sed -E "s/.*$1=([0-9.]+).*/\\1/" <<<"$2"; }

machine() {
  {
    echo "date_utc $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "nproc $(nproc)"
    echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory_mb $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
    echo "jdk $(java -version 2>&1 | head -2 | tr '\n' ' ')"
    echo "wrk $(wrk -v 2>&1 | head -1)"
    echo "otel_extra ${OTEL_EXTRA:-}"
    local cfg extra
    for cfg in $CONFIGS; do extra="EXTRA_$cfg"; [ -z "${!extra:-}" ] || echo "extra_$cfg ${!extra}"; done
    echo "baseline_jar ${BASELINE_JAR:-}"
    echo "knobs ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP ROUND_WARMUP=$ROUND_WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS CONFIGS=\"$CONFIGS\" STARTUP_CONFIGS=\"$STARTUP_CONFIGS\" STARTUP_RUNS=$STARTUP_RUNS"
  } >"$RESULTS/machine.txt"
}

main() {
  tools
  build
  case " $CONFIGS " in
    *" f "*|*" g "*) [ -f "${BASELINE_JAR:-}" ] || fail "configurations f and g need BASELINE_JAR, a Tracegate jar" ;;
  esac
  mkdir -p "$RESULTS"
  machine
  echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/machine.txt"
  local total=$(( ( $(wc -w <<<"$CONFIGS") * (WARMUP + 12 + ROUNDS * (ROUND_WARMUP + DURATION + 10)) + $(wc -w <<<"$STARTUP_CONFIGS") * STARTUP_RUNS * 18 ) / 60 ))
  say "Results go to $RESULTS (expect about $total minutes)"

  free_port; RECEIVER_PORT=$FREE_PORT
  java -cp "$(cat "$TARGET/receiver.classpath")" "$LOAD/receiver/CountingOtlpReceiver.java" "$RECEIVER_PORT" \
    >"$RESULTS/receiver.log" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/counts" && break; sleep 0.5; done

  local cfg round
  for cfg in $CONFIGS; do
    free_port; PORT_OF[$cfg]=$FREE_PORT
    create_server "$cfg"
  done
  for cfg in $CONFIGS; do
    say "Starting $cfg (${NAME_OF[$cfg]}) on port ${PORT_OF[$cfg]} ..."
    start_server "$cfg"
  done
  for cfg in $CONFIGS; do
    say "Warming up $cfg for ${WARMUP} s ..."
    run_wrk "$cfg" "$WARMUP"
  done

  echo -e "round\tconfig\trequests\tseconds\treq_per_s\tp50_us\tp99_us\terrors\tcpu_ms_per_req\tcpu_cores\theap_after_gc_mb\tspans_per_req\talloc_request_b_per_req\talloc_export_b_per_req\talloc_all_b_per_req\tgc_p50_ms\tgc_p99_ms\tgc_pauses" >"$RESULTS/rounds.tsv"
  echo -e "round\tconfig\tpause_ms" >"$RESULTS/gc-pauses.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    for cfg in $CONFIGS; do
      local pid ticks_before ticks_after requests seconds heap_kb spans_before spans_after
      pid=$(server_pid "$cfg")
      run_wrk "$cfg" "$ROUND_WARMUP"
      drain "$cfg"
      spans_before=$(spans_of "${SERVICE_OF[$cfg]}")
      alloc_snapshot "$pid" "$RESULTS/alloc-before.tsv"
      ticks_before=$(cpu_ticks "$pid")
      if [ -n "${JFR:-}" ] && [ "$round" = 1 ]; then
        jcmd "$pid" JFR.start name=load settings=profile filename="$RESULTS/profile-$cfg.jfr" >/dev/null
      fi
      [ -n "${PROFILE:-}" ] && async_profiler "$pid" "$([ "$round" = 1 ] && echo start || echo resume)"
      run_wrk "$cfg" "$DURATION"
      [ -n "${PROFILE:-}" ] && async_profiler "$pid" "stop,collapsed,total,file=$RESULTS/profile-$cfg-$PROFILE.collapsed"
      if [ -n "${JFR:-}" ] && [ "$round" = 1 ]; then jcmd "$pid" JFR.stop name=load >/dev/null; fi
      drain "$cfg"
      ticks_after=$(cpu_ticks "$pid")
      alloc_snapshot "$pid" "$RESULTS/alloc-after.tsv"
      spans_after=$(spans_of "${SERVICE_OF[$cfg]}")
      heap_kb=$(heap_after_gc_kb "$pid")
      requests=$(field requests "$RESULT_LINE")
      seconds=$(awk -v us="$(field duration_us "$RESULT_LINE")" 'BEGIN {print us / 1e6}')
      local alloc pauses
      alloc=$(alloc_per_request "$RESULTS/alloc-before.tsv" "$RESULTS/alloc-after.tsv" "$requests")
      gc_pauses "$cfg" "$(awk -F'\t' 'NR == 1 {print $2}' "$RESULTS/alloc-before.tsv")" \
        "$(awk -F'\t' 'NR == 1 {print $2}' "$RESULTS/alloc-after.tsv")" | awk -v r="$round" -v c="$cfg" '{print r "\t" c "\t" $1}' >>"$RESULTS/gc-pauses.tsv"
      pauses=$(awk -F'\t' -v r="$round" -v c="$cfg" '$1 == r && $2 == c {print $3}' "$RESULTS/gc-pauses.tsv" | percentiles)
      # CPU: the server's, from the start of the run until its spans were all exported.
      awk -v r="$round" -v c="$cfg" -v n="$requests" -v s="$seconds" -v p50="$(field p50_us "$RESULT_LINE")" \
          -v p99="$(field p99_us "$RESULT_LINE")" -v e="$(field errors "$RESULT_LINE")" \
          -v ticks=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v heap="$heap_kb" \
          -v spans=$((spans_after - spans_before)) -v alloc="$alloc" -v pauses="$pauses" \
          'BEGIN {cpu = ticks / hz; m = n > 0 ? n : 1; printf "%d\t%s\t%d\t%.2f\t%.1f\t%d\t%d\t%d\t%.4f\t%.2f\t%.1f\t%.3f\t%s\t%s\n",
                  r, c, n, s, n / s, p50, p99, e, 1000 * cpu / m, cpu / s, heap / 1024, spans / m, alloc, pauses}' >>"$RESULTS/rounds.tsv"
      say "round $round/$ROUNDS $cfg: $(tail -1 "$RESULTS/rounds.tsv" | awk -F'\t' '{printf "%s req/s, p50 %s us, p99 %s us, errors %s, CPU %s ms/req, heap %s MB, %s spans/req, allocated %s B/req (request threads %s, export %s), GC pauses p50 %s ms p99 %s ms (%s)", $5, $6, $7, $8, $9, $11, $12, $15, $13, $14, $16, $17, $18}')"
    done
  done

  curl -s "http://127.0.0.1:$RECEIVER_PORT/counts" >"$RESULTS/receiver-counts.txt"
  echo -e "config\trequests\tspans_received" >"$RESULTS/spans.tsv"
  for cfg in $CONFIGS; do
    echo -e "$cfg\t${REQUESTS_OF[$cfg]}\t$(awk -v s="${SERVICE_OF[$cfg]}" '$1 == s {print $2}' "$RESULTS/receiver-counts.txt" | grep . || echo 0)" >>"$RESULTS/spans.tsv"
  done

  for cfg in $CONFIGS; do stop_server "$cfg"; done

  echo -e "run\tconfig\tfirst_response_ms\tliberty_ready_s\tapp_start_s\tcpu_ms\tloaded_classes" >"$RESULTS/startup.tsv"
  local run k order=($STARTUP_CONFIGS)
  for run in $(seq 1 "$STARTUP_RUNS"); do
    # Each run starts with the next configuration (a c e, c e a, e a c, ...), so that no configuration
    # always starts right after the same one: an order effect is spread over all of them.
    for k in "${!order[@]}"; do
      cfg=${order[$(( (k + run - 1) % ${#order[@]} ))]}
      local started_ns ready_ns log ready_s app_s
      if [ -n "${STARTUP_JFR:-}" ]; then startup_jfr "$cfg" "$RESULTS/startup-$run-$cfg.jfr"; fi
      started_ns=$(date +%s%N)
      start_server "$cfg"
      ready_ns=$(date +%s%N)
      # The server's CPU time and loaded classes at its first response: steadier than wall time on a busy machine.
      local pid cpu_ms classes
      pid=$(server_pid "$cfg")
      cpu_ms=$(( $(cpu_ticks "$pid") * 1000 / $(getconf CLK_TCK) ))
      classes=$(jcmd "$pid" PerfCounter.print 2>/dev/null | awk -F= '/^java.cls.loadedClasses=/ {l = $2} /^java.cls.unloadedClasses=/ {u = $2} END {print l - u}')
      log="$WLP/usr/servers/$(server_name "$cfg")/logs/messages.log"
      ready_s=$(grep 'CWWKF0011I' "$log" | tail -1 | grep -o -E '[0-9]+[.,][0-9]+ seconds' | grep -o -E '^[0-9]+[.,][0-9]+' | tr , . || echo NaN)
      # CWWKZ0001I: "Application load started in N seconds", the application's own start.
      app_s=$(grep 'CWWKZ0001I' "$log" | tail -1 | grep -o -E '[0-9]+[.,][0-9]+ seconds' | grep -o -E '^[0-9]+[.,][0-9]+' | tr , . || echo NaN)
      echo -e "$run\t$cfg\t$(( (ready_ns - started_ns) / 1000000 ))\t$ready_s\t$app_s\t$cpu_ms\t$classes" >>"$RESULTS/startup.tsv"
      say "start-up run $run/$STARTUP_RUNS $cfg: $(( (ready_ns - started_ns) / 1000000 )) ms to the first response (Liberty: ready in $ready_s s, application started in $app_s s), CPU $cpu_ms ms, $classes classes"
      stop_server "$cfg"
    done
  done
  echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/machine.txt"

  # The plot needs matplotlib (Debian python3-matplotlib); without it, the tables only.
  "${PLOT_PYTHON:-python3}" "$LOAD/summarize.py" "$RESULTS"
}

main "$@"
