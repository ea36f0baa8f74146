# Sourced by the .ci scripts that run a generated mock server.

# start_mock BINARY LOG: runs BINARY on a free loopback port, waits (5 s at most) for the
# address it prints, and sets `mock_pid` and `mock_address` (empty if none was printed).
start_mock() {
  "$1" --addr 127.0.0.1:0 > "$2" 2>&1 &
  mock_pid=$!
  for _ in $(seq 50); do grep -q "listening on" "$2" && break; sleep 0.1; done
  mock_address=$(sed -n 's/^listening on //p' "$2" | head -1)
}

# stop_mock: stops the server `start_mock` started, if it still runs.
stop_mock() {
  [ -n "${mock_pid:-}" ] || return 0
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=
}
