# Sourced by the .ci scripts that run a generated mock server.

# start_mock BINARY LOG [ARG...]: runs BINARY on a free loopback port (with the extra
# arguments, such as `--credential VALUE`), waits (5 s at most) for the address it prints,
# and sets `mock_pid` and `mock_address` (empty if none was printed).
start_mock() {
  local binary=$1 log=$2
  shift 2
  "$binary" --addr 127.0.0.1:0 "$@" > "$log" 2>&1 &
  mock_pid=$!
  for _ in $(seq 50); do grep -q "listening on" "$log" && break; sleep 0.1; done
  mock_address=$(sed -n 's/^listening on //p' "$log" | head -1)
}

# stop_mock: stops the server `start_mock` started, if it still runs.
stop_mock() {
  [ -n "${mock_pid:-}" ] || return 0
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=
}
