#!/usr/bin/env bash
# Runs the README's curl walk-through verbatim against the built API on a fresh store file, then
# restarts the API and checks the incident and its events survived. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${WALKTHROUGH_PORT:-3917}
# Development mode (the embedded default) writes its tokens here; the block reads ./data/dev/.
export EVENT_STORE_FILE="$work/events.db" PORT="$port" AUTH_DEV_DIR="$work/dev"
main=dist/apps/api/apps/api/src/main.js
[ -f "$main" ] || npx nest build api

start_api() {
  node "$main" >"$work/api.log" 2>&1 &
  echo $! >"$work/pid"
  # Wait until the API answers (not a fixed sleep): curl retries while the port refuses.
  curl -sf --retry-connrefused --retry 60 --retry-delay 1 "http://127.0.0.1:$port/health" >/dev/null
}
stop_api() { kill "$(cat "$work/pid")" && wait "$(cat "$work/pid")" 2>/dev/null || true; }
trap 'stop_api; rm -rf "$work"' EXIT

start_api
# The first ```sh block after the walk-through heading, with the port and the token folder swapped for ours.
awk '/^## One incident.s whole life/{f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' README.md \
  | sed -e "s#127.0.0.1:3000#127.0.0.1:$port#" -e "s#\./data/dev/#$work/dev/#g" >"$work/walkthrough.sh"
echo 'echo "$ID" > "$WALKTHROUGH_OUT"' >>"$work/walkthrough.sh"
WALKTHROUGH_OUT="$work/id" bash -euo pipefail "$work/walkthrough.sh" >"$work/out.txt"
id=$(cat "$work/id")
grep -q '"code":"WORKFLOW.TRANSITION_NOT_ALLOWED"' "$work/out.txt" || { echo "walk-through: expected the 422 example"; exit 1; }
grep -q '"replayed":true' "$work/out.txt" || { echo "walk-through: expected the idempotent replay"; exit 1; }
grep -q '"code":"AUTH.UNAUTHENTICATED"' "$work/out.txt" || { echo "walk-through: expected the 401 example"; exit 1; }
grep -q '"code":"AUTH.FORBIDDEN"' "$work/out.txt" || { echo "walk-through: expected the 403 example"; exit 1; }
grep -q '^itil_commands_total{type="OpenTicket",outcome="ok"} 1$' "$work/out.txt" || { echo "walk-through: expected command counts at /metrics"; exit 1; }
grep -q '"actor":"user:raj"' "$work/out.txt" || { echo "walk-through: expected the verified actor on the events"; exit 1; }

stop_api
start_api
auth="Authorization: Bearer $(cat "$work/dev/audrey.token")"
state=$(curl -sf -H "$auth" "http://127.0.0.1:$port/incidents/$id")
events=$(curl -sf -H "$auth" "http://127.0.0.1:$port/incidents/$id/events")
node -e '
  const [state, events] = process.argv.slice(1).map((s) => JSON.parse(s));
  if (state.status !== "closed" || state.revision !== 9 || events.length !== 10) {
    console.error("after restart:", state.status, state.revision, events.length); process.exit(1);
  }
  console.log(`readme walk-through: OK (incident ${state.id} closed at revision ${state.revision}, ${events.length} events after a restart)`);
' "$state" "$events"
