#!/usr/bin/env bash
# Tracegate's one-command demo: builds the extension and the three-agent sample, starts Zipkin (the
# trace UI), an OTLP-to-Zipkin bridge and Open Liberty with the six services, sends a customer
# request, and prints the resulting trace. Everything listens on 127.0.0.1 only, on free ports.
#
#   ./demo.sh                     start, send the request, show the trace; Ctrl-C stops everything
#   ./demo.sh start               the same, but leave everything running and return
#   ./demo.sh request [TRACEPARENT] [--outage]
#                                 send another customer request (continuing TRACEPARENT if given;
#                                 --outage makes the External Payment Service answer 503)
#   ./demo.sh stop                stop everything
#
# Runs on Linux and macOS (bash 3.2 or newer, GNU or BSD tools). A start that fails half-way stops
# what it had started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$ROOT/.demo"
WLP="$ROOT/sample-war/target/liberty/wlp"
SERVER=tracegate-sample
SERVER_DIR="$WLP/usr/servers/$SERVER"
CUSTOMER_REQUEST='{"customerId":"C-1042","orderId":"A-1001","message":"I was charged twice for order A-1001 and the app shows an error when I open my invoice"}'

say() { printf '\033[1m%s\033[0m\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# Milliseconds since the epoch; BSD date has no %N, so whole seconds there.
now_millis() {
  local millis
  millis=$(date +%s%3N)
  case "$millis" in
    *[!0-9]*) echo $(( $(date +%s) * 1000 )) ;;
    *) echo "$millis" ;;
  esac
}

# On any exit while starting, stop what was started; after a failed request, say how to stop.
STARTING=0
on_exit() {
  local status=$?
  [ "$status" -eq 0 ] && return
  if [ "$STARTING" = 1 ]; then
    printf 'demo: stopping what was started (logs in %s)\n' "$STATE" >&2
    stop
  elif [ -f "$STATE/ports" ]; then
    printf 'demo: the demo is still running; ./demo.sh stop stops it\n' >&2
  fi
}
trap on_exit EXIT

. "$ROOT/scripts/free-port.sh"

wait_for_http() { # url, seconds, what
  local url=$1 seconds=$2 what=$3
  for _ in $(seq 1 $((seconds * 2))); do
    if curl -s -o /dev/null "$url"; then return 0; fi
    sleep 0.5
  done
  fail "$what did not come up at $url (logs in $STATE)"
}

stop() {
  if [ -x "$WLP/bin/server" ] && [ -d "$SERVER_DIR" ]; then
    "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
  fi
  for name in bridge zipkin; do
    if [ -f "$STATE/$name.pid" ]; then
      local pid
      pid=$(cat "$STATE/$name.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$STATE/$name.pid"
    fi
  done
  rm -f "$STATE/ports"
}

build() {
  for tool in java javac mvn curl; do
    command -v "$tool" >/dev/null || fail "$tool is required (a JDK 17 or newer, not a JRE; Maven 3.8+; curl)"
  done
  local java_major
  java_major=$(java -version 2>&1 | head -1 | sed -E 's/[^"]*"(1\.)?([0-9]+).*/\2/')
  case "$java_major" in
    ''|*[!0-9]*) ;;
    *) [ "$java_major" -ge 17 ] || fail "java is version $java_major; Tracegate needs Java 17 or newer" ;;
  esac
  say "Building the extension and the sample, and preparing Open Liberty 26.0.0.3 (first run: a few minutes) ..."
  if ! (cd "$ROOT" && mvn -B -q -pl sample-war -am -Pdemo package -DskipTests) >"$STATE/build.log" 2>&1; then
    tail -40 "$STATE/build.log" >&2
    fail "the build failed; the whole log is $STATE/build.log"
  fi
}

start() {
  mkdir -p "$STATE"
  stop
  STARTING=1
  build
  local http_port zipkin_port bridge_port
  free_port; http_port=$FREE_PORT
  free_port; zipkin_port=$FREE_PORT
  free_port; bridge_port=$FREE_PORT

  say "Starting Zipkin 3.6.1 on http://127.0.0.1:$zipkin_port ..."
  java -Xmx256m -jar "$ROOT/sample-war/target/zipkin/zipkin-server.jar" \
    "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$zipkin_port" "--armeria.ports[0].protocols[0]=http" \
    >"$STATE/zipkin.log" 2>&1 &
  echo $! >"$STATE/zipkin.pid"

  say "Starting the OTLP-to-Zipkin bridge on 127.0.0.1:$bridge_port ..."
  java -cp "$(cat "$ROOT/sample-war/target/demo-bridge.classpath")" "$ROOT/demo/OtlpZipkinBridge.java" \
    "$bridge_port" "http://127.0.0.1:$zipkin_port" >"$STATE/bridge.log" 2>&1 &
  echo $! >"$STATE/bridge.pid"

  # The server's port and where its applications export spans: this run's values, over server.xml's.
  echo "http.port=$http_port" >"$SERVER_DIR/bootstrap.properties"
  mkdir -p "$SERVER_DIR/configDropins/overrides"
  cat >"$SERVER_DIR/configDropins/overrides/demo.xml" <<XML
<server>
  <variable name="otel.traces.exporter" value="otlp"/>
  <variable name="otel.exporter.otlp.protocol" value="http/protobuf"/>
  <variable name="otel.exporter.otlp.endpoint" value="http://127.0.0.1:$bridge_port"/>
  <variable name="otel.bsp.schedule.delay" value="500"/>
</server>
XML
  printf 'HTTP_PORT=%s\nZIPKIN_PORT=%s\nBRIDGE_PORT=%s\n' "$http_port" "$zipkin_port" "$bridge_port" >"$STATE/ports"

  wait_for_http "http://127.0.0.1:$zipkin_port/health" 90 "Zipkin"
  wait_for_http "http://127.0.0.1:$bridge_port/" 60 "The bridge"

  say "Starting Open Liberty with the six services on http://127.0.0.1:$http_port ..."
  "$WLP/bin/server" start "$SERVER" --clean >"$STATE/liberty-start.log" 2>&1 \
    || { cat "$STATE/liberty-start.log" >&2; fail "Liberty did not start"; }
  local log="$SERVER_DIR/logs/messages.log"
  for _ in $(seq 1 240); do
    [ "$(grep -c CWWKZ0001I "$log" 2>/dev/null || true)" -ge 6 ] && break
    if grep -q -E 'CWWKZ0002E|CWWKZ0004E' "$log" 2>/dev/null; then
      grep -E 'CWWKZ0002E|CWWKZ0004E' "$log" >&2; fail "an application failed to start: $log"
    fi
    sleep 0.5
  done
  [ "$(grep -c CWWKZ0001I "$log" 2>/dev/null || true)" -ge 6 ] || fail "the six applications did not start: $log"
  STARTING=0
}

# Sends the customer request and prints the answer and the trace.
request() {
  [ -f "$STATE/ports" ] || fail "the demo is not running; start it with ./demo.sh"
  # shellcheck disable=SC1091
  . "$STATE/ports"
  local traceparent="" arg
  # One array for every header: bash before 4.4 calls an empty array unbound under set -u.
  local headers=(-H "Content-Type: application/json")
  for arg in "$@"; do
    case "$arg" in
      --outage) headers+=(-H "Sample-Outage: external-payment-service") ;;
      *) traceparent=$arg ;;
    esac
  done
  [ -n "$traceparent" ] && headers+=(-H "traceparent: $traceparent")

  say "The customer asks (POST http://127.0.0.1:$HTTP_PORT/main-agent/chat${traceparent:+, traceparent: $traceparent}):"
  echo "  $CUSTOMER_REQUEST"
  local answer sent_at
  sent_at=$(now_millis)
  answer=$(curl -sS --max-time 30 -X POST "${headers[@]}" -d "$CUSTOMER_REQUEST" \
    "http://127.0.0.1:$HTTP_PORT/main-agent/chat")
  say "The chatbot answers:"
  if command -v jq >/dev/null; then echo "$answer" | jq .; else echo "$answer"; fi

  local trace_id="latest"
  [ -n "$traceparent" ] && trace_id=$(echo "$traceparent" | cut -d- -f2)
  say "The trace (service, kind, span, duration, status):"
  local tree
  tree=$(curl -sS --max-time 40 "http://127.0.0.1:$BRIDGE_PORT/traces/$trace_id/tree?since=$sent_at")
  echo "$tree"
  trace_id=$(echo "$tree" | head -1 | awk '{print $2}')
  echo "$trace_id" >"$STATE/last-trace"
  echo
  say "Open the trace in Zipkin: http://127.0.0.1:$ZIPKIN_PORT/zipkin/traces/$trace_id"
}

case "${1:-}" in
  stop)
    stop
    say "Stopped." ;;
  request)
    shift
    request "$@" ;;
  start)
    start
    request ;;
  "")
    trap 'echo; stop; say "Stopped."; exit 0' INT TERM
    start
    request
    echo
    say "Everything keeps running: send more with ./demo.sh request [TRACEPARENT] [--outage]."
    say "Press Ctrl-C to stop everything (or run ./demo.sh stop)."
    # Until Ctrl-C, or until ./demo.sh stop (from another terminal) removes the ports file.
    while [ -f "$STATE/ports" ]; do sleep 1; done
    say "Stopped." ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2 ;;
esac
