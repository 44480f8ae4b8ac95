# Sourced by ../demo.sh and ../benchmarks/load.sh, which define fail().

# Sets FREE_PORT to a port nobody listens on, not picked before, and below the kernel's ephemeral
# range, so that no outgoing connection takes it before we bind. (/dev/tcp connects only when taken.)
PICKED_PORTS=" "
free_port() {
  local port low=20000 high=32767 ephemeral_start
  if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
    ephemeral_start=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range)
    [ "$ephemeral_start" -gt $((low + 1000)) ] && high=$((ephemeral_start - 1))
  fi
  for _ in $(seq 1 200); do
    port=$((low + RANDOM % (high - low)))
    case "$PICKED_PORTS" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      PICKED_PORTS="$PICKED_PORTS$port "
      FREE_PORT=$port
      return
    fi
  done
  fail "no free port found"
}
