#!/usr/bin/env bash
# Runs the README's walk-throughs verbatim against the built API on a fresh store file (the
# reference-data seed, then the incident, problem, service request and change blocks), then restarts the
# API and checks each ticket and its events survived. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${WALKTHROUGH_PORT:-3917}
# Development mode (the embedded default) writes its tokens here; the block reads ./data/dev/.
export EVENT_STORE_FILE="$work/events.db" PORT="$port" AUTH_DEV_DIR="$work/dev"
# The change block shows a collision the change-collisions policy records on the other change:
# the API runs its policies by default, as `npm start` does (ITIL_POLICIES unset).
unset ITIL_POLICIES
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

# The first ```sh block after a heading, with the port swapped for ours.
block() {
  awk -v h="$1" 'index($0, h) == 1 {f=1} f&&/^```sh/{b=1;next} b&&/^```/{exit} b' README.md \
    | sed -e "s#127.0.0.1:3000#127.0.0.1:$port#" -e "s#\./data/dev/#$work/dev/#g"
}
# Runs one block; $2 names the shell variable holding the ticket id, written to $work/<name>.id.
run_block() {
  block "$1" >"$work/$3.sh"
  [ -s "$work/$3.sh" ] || { echo "walk-through: no sh block under '$1'"; exit 1; }
  [ -n "$2" ] && echo "echo \"\$$2\" > \"$work/$3.id\"" >>"$work/$3.sh"
  bash -euo pipefail "$work/$3.sh" >"$work/$3.out"
}

start_api
run_block '## Reference data first' '' refdata
grep -q 'event(s) written' "$work/refdata.out" || { echo "walk-through: the reference-data seed printed no report"; exit 1; }

run_block "## One incident's whole life" ID incident
id=$(cat "$work/incident.id")
grep -q '"code":"WORKFLOW.TRANSITION_NOT_ALLOWED"' "$work/incident.out" || { echo "walk-through: expected the 422 example"; exit 1; }
grep -q '"replayed":true' "$work/incident.out" || { echo "walk-through: expected the idempotent replay"; exit 1; }
grep -q '"code":"AUTH.UNAUTHENTICATED"' "$work/incident.out" || { echo "walk-through: expected the 401 example"; exit 1; }
grep -q '"code":"AUTH.FORBIDDEN"' "$work/incident.out" || { echo "walk-through: expected the 403 example"; exit 1; }
grep -q '^itil_commands_total{type="OpenTicket",outcome="ok"} 1$' "$work/incident.out" || { echo "walk-through: expected command counts at /metrics"; exit 1; }
grep -q '"actor":"user:raj"' "$work/incident.out" || { echo "walk-through: expected the verified actor on the events"; exit 1; }

run_block "## A resolver's queue" '' queue
grep -q '^next in the network queue: ' "$work/queue.out" || { echo "walk-through: the routed incident was not next in the queue"; exit 1; }
grep -q '"text":"Whole floor 3, since 08:40"' "$work/queue.out" || { echo "walk-through: expected the comment from the read model"; exit 1; }

run_block "## One problem's whole life" P problem
problem=$(cat "$work/problem.id")
grep -q '"code":"TICKET.INPUT_NOT_ALLOWED"' "$work/problem.out" || { echo "walk-through: expected the refused analyst outside the group"; exit 1; }
grep -q '"action":"resolve-incident"' "$work/problem.out" || { echo "walk-through: expected the offer to resolve the linked incidents"; exit 1; }
grep -q '"workaround":"Share large files through the file share"' "$work/problem.out" || { echo "walk-through: expected the known error in the search"; exit 1; }

run_block "## One service request's whole life" R request
request=$(cat "$work/request.id")
grep -q "no catalog-item 'jetpack' exists" "$work/request.out" || { echo "walk-through: expected the unknown catalog item refused"; exit 1; }
grep -q '"policy":"catalogRequest"' "$work/request.out" || { echo "walk-through: expected the form value refused"; exit 1; }

run_block "## One normal change's whole life" C change
change=$(cat "$work/change.id")
grep -q '"code":"CHANGE.APPROVER_CONFLICT"' "$work/change.out" || { echo "walk-through: expected the owner's own vote refused"; exit 1; }
grep -q '"code":"CHANGE.ALREADY_DECIDED"' "$work/change.out" || { echo "walk-through: expected the second vote refused"; exit 1; }
grep -q '"risk":{"questionnaire":{"id":"default","version":1},"score":2,"level":"medium"}' "$work/change.out" || { echo "walk-through: expected a medium risk from the questionnaire"; exit 1; }
grep -q '"authorisation":{"rule":{"id":"default","version":1},"level":"medium"' "$work/change.out" || { echo "walk-through: expected the rule version met"; exit 1; }
grep -q "\"collisions\":\[{\"changeId\":\"$change\"" "$work/change.out" || { echo "walk-through: expected the collision on the second change"; exit 1; }
grep -q '"collisions":\[{"changeId":"' "$work/change.out" || { echo "walk-through: expected the collisions reported"; exit 1; }
grep -q '"actor":"policy:change-collisions"' "$work/change.out" || { echo "walk-through: expected the collision recorded on the first change by the policy"; exit 1; }

stop_api
start_api
auth="Authorization: Bearer $(cat "$work/dev/audrey.token")"
get() { curl -sf -H "$auth" "http://127.0.0.1:$port$1"; }
node -e '
  const [incident, incidentEvents, problem, problemEvents, request, requestEvents, change, changeEvents] = process.argv.slice(1).map((s) => JSON.parse(s));
  const expect = (what, ok, got) => { if (!ok) { console.error(`after restart: ${what}:`, got); process.exit(1); } };
  expect("incident closed at revision 9 with 10 events", incident.status === "closed" && incident.revision === 9 && incidentEvents.length === 10, [incident.status, incident.revision, incidentEvents.length]);
  expect("problem closed (resolved) with 8 events", problem.status === "closed" && problem.fields.closureCode === "resolved" && problemEvents.length === 8, [problem.status, problem.fields.closureCode, problemEvents.length]);
  expect("request closed complete with 11 events", request.status === "closed" && request.fields.outcome === "complete" && requestEvents.length === 11, [request.status, request.fields.outcome, requestEvents.length]);
  const votes = (change.fields.approvals ?? []).map((a) => a.approver).join(",");
  const byPolicy = changeEvents.some((e) => e.type === "ChangeFieldsUpdated" && e.envelope.actor === "policy:change-collisions");
  expect("change closed successful, authorised by mei and olga, collision recorded by the policy", change.status === "closed" && change.fields.outcome === "successful" && votes === "mei,olga" && byPolicy, [change.status, change.fields.outcome, votes, byPolicy]);
  console.log(`readme walk-through: OK (incident ${incident.id} closed at revision ${incident.revision}, ${incidentEvents.length} events; problem ${problem.id} closed, ${problemEvents.length} events; request ${request.id} closed complete, ${requestEvents.length} events; change ${change.id} closed successful, ${changeEvents.length} events; all after a restart)`);
' "$(get /incidents/$id)" "$(get /incidents/$id/events)" "$(get /problems/$problem)" "$(get /problems/$problem/events)" "$(get /requests/$request)" "$(get /requests/$request/events)" "$(get /changes/$change)" "$(get /changes/$change/events)"

