#!/usr/bin/env bash
# Replicas and faults, out of process (issue 12, docs/reliability.md):
#
#   src/test/reliability/replicas.sh          # about 5-10 minutes; writes target/reliability/results.md
#
# Three instances of the packaged app (production mode) on one PostgreSQL send TEXTS follow-ups of BUSINESSES
# businesses, made due at once, to the out-of-process Twilio stub. Mid-dispatch one instance is killed with SIGKILL
# and started again; later, during a second wave, another gets SIGTERM. Then it checks, from the stub's counts and
# the database: every text reached Twilio (the stub), texts sent twice (only possible in the window the design
# documents: Twilio accepted, the record's commit was lost with the process) counted against the rows the killed
# instance had with Twilio at that moment, nothing left leased to a stopped instance, no text failed, and each
# message's details fetched once across instances.
#
# Settings (environment): BUSINESSES=1000 TEXTS=10000 (the first wave; the second is a third of it) LEASE=20s (the
# claims' lease, compressed from 120 s so a killed instance's rows come back soon) KILL_AT=10 (percent of the first
# wave sent when instance 2 is killed) RESTART_AFTER=5 TERM_AFTER=1 (seconds into the second wave) BUILD=true
# KEEP=false JAVA_OPTS (as the benchmark's) STUB_DELAY_MS=20
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
ROOT=$PWD
HERE=$ROOT/src/test/benchmark

BUSINESSES=${BUSINESSES:-1000}
TEXTS=${TEXTS:-10000}
LEASE=${LEASE:-20s}
KILL_AT=${KILL_AT:-10}
RESTART_AFTER=${RESTART_AFTER:-5}
TERM_AFTER=${TERM_AFTER:-1}
BUILD=${BUILD:-true}
KEEP=${KEEP:-false}
STUB_DELAY_MS=${STUB_DELAY_MS:-20}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1"}
NAME=reliability
OUT=$ROOT/target/reliability

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }

# shellcheck source=../benchmark/environment.sh
source "$HERE/environment.sh"

# --- The follow-ups: TEXTS over the businesses, each to a contact of its own, due tomorrow for now ------------------
per_business=$(( (TEXTS + BUSINESSES - 1) / BUSINESSES ))
log "scheduling $per_business texts for each of $BUSINESSES businesses"
wave() { # <wave> <texts per business>: contacts and their follow-ups, not due yet (as the superuser: for every
  # business at once, which row-level security would refuse the schema owner)
  psql_super -d callaback -c "
    with contact as (
      insert into contacts (tenant_id, id, phone, source)
      select t.id, gen_random_uuid(), '+1415' || lpad(((row_number() over ()) + $1 * 1000000)::text, 7, '0'), 'manual'
        from tenants t cross join generate_series(1, $2)
       where t.kind = 'business'
      returning tenant_id, id)
    insert into follow_ups (tenant_id, id, contact_id, type, status, body, scheduled_at)
    select c.tenant_id, gen_random_uuid(), c.id, 'manual_sms', 'pending', 'Wave $1: your order is ready',
           now() + interval '1 day'
      from contact c" >/dev/null
}
wave 1 "$per_business"
WAVE1=$(psql_admin -c "select count(*) from follow_ups where body like 'Wave 1:%'")

# --- Three instances ---------------------------------------------------------------------------------------------
# Compressed time: claims last LEASE, workers start after a second, message details are fetched 2 s after the last
# status, every 2 s.
export CALLABACK_JOBS_LEASE=$LEASE CALLABACK_WORKERS_START_DELAY=1s
export CALLABACK_DISPATCHER_DETAILS_DELAY=2s CALLABACK_JOBS_MESSAGE_DETAILS_EVERY=2s
declare -A APP MGMT
start_instance() { # <n>
  local n=$1
  APP[$n]=$((APP_PORT + n - 1)); MGMT[$n]=$((MGMT_PORT + n - 1))
  # shellcheck disable=SC2086
  (cd "$ROOT/target/quarkus-app" && QUARKUS_HTTP_PORT=${APP[$n]} QUARKUS_MANAGEMENT_PORT=${MGMT[$n]} \
    exec java $JAVA_OPTS -jar quarkus-run.jar) >>"$WORK/app-$n.log" 2>&1 &
  echo $! >"$WORK/app-$n.pid"
  PIDS+=($!)
}
pid_of() { cat "$WORK/app-$1.pid"; }
await_ready() { # <n>
  until curl -sf -o /dev/null "http://127.0.0.1:${MGMT[$1]}/q/health/ready"; do
    kill -0 "$(pid_of "$1")" 2>/dev/null || { tail -40 "$WORK/app-$1.log"; exit 1; }
    sleep 0.1
  done
}
for n in 1 2 3; do start_instance $n; done
for n in 1 2 3; do await_ready $n; done
log "three instances ready: pids $(pid_of 1) $(pid_of 2) $(pid_of 3)"
curl -sf -X POST "http://127.0.0.1:$STUB_PORT/reset" >/dev/null

# The claims of one instance: its worker name starts with "<pid>@".
claimed_by() { psql_admin -c "select count(*) from follow_ups where status = 'sending' and claimed_by like '$1@%'"; }
waiting() { psql_admin -c "select count(*) from follow_ups where status in ('pending', 'sending') and body like 'Wave%'
  and scheduled_at <= now() + interval '1 hour'"; }
await_drained() { # <timeout seconds>
  local deadline=$(( $(date +%s) + $1 ))
  while [ "$(waiting)" != 0 ]; do
    [ "$(date +%s)" -lt $deadline ] || { log "not drained after $1 s"; return 1; }
    sleep 0.5
  done
}

# --- Wave 1: SIGKILL mid-dispatch, then a restart --------------------------------------------------------------------
log "wave 1: $WAVE1 texts due at once"
started=$(now_ms)
psql_admin -c "update follow_ups set scheduled_at = now() where body like 'Wave 1:%'" >/dev/null
sent_of_wave() { psql_admin -c "select count(*) from follow_ups where body like 'Wave $1:%' and status = 'sent'"; }
until [ "$(sent_of_wave 1)" -ge $(( WAVE1 * KILL_AT / 100 )) ]; do sleep 0.1; done
KILLED_PID=$(pid_of 2)
WITH_TWILIO_AT_KILL=$(claimed_by "$KILLED_PID")
SENT_AT_KILL=$(sent_of_wave 1)
kill -KILL "$KILLED_PID"
log "instance 2 ($KILLED_PID) killed with $WITH_TWILIO_AT_KILL texts claimed, $SENT_AT_KILL of $WAVE1 sent so far"
sleep "$RESTART_AFTER"
start_instance 2
await_ready 2
log "instance 2 restarted ($(pid_of 2))"
await_drained 300
WAVE1_MS=$(( $(now_ms) - started ))
LEFT_BY_KILLED=$(claimed_by "$KILLED_PID")
WAVE1_STATS=$(curl -sf "http://127.0.0.1:$STUB_PORT/stats")
log "wave 1 drained in $WAVE1_MS ms; stub: $WAVE1_STATS"

# --- Wave 2: SIGTERM mid-dispatch --------------------------------------------------------------------------------
curl -sf -X POST "http://127.0.0.1:$STUB_PORT/reset" >/dev/null
wave 2 $(( (per_business + 2) / 3 ))
WAVE2=$(psql_admin -c "select count(*) from follow_ups where body like 'Wave 2:%'")
log "wave 2: $WAVE2 texts due at once"
psql_admin -c "update follow_ups set scheduled_at = now() where body like 'Wave 2:%'" >/dev/null
sleep "$TERM_AFTER"
TERMED_PID=$(pid_of 3)
termed=$(now_ms)
kill -TERM "$TERMED_PID"
while kill -0 "$TERMED_PID" 2>/dev/null; do sleep 0.05; done
TERM_EXIT_MS=$(( $(now_ms) - termed ))
LEFT_BY_TERMED=$(claimed_by "$TERMED_PID")
log "instance 3 ($TERMED_PID) stopped $TERM_EXIT_MS ms after SIGTERM, leaving $LEFT_BY_TERMED texts leased"
await_drained 300
WAVE2_STATS=$(curl -sf "http://127.0.0.1:$STUB_PORT/stats")
log "wave 2 drained; stub: $WAVE2_STATS"

# Message details: once a text is delivered (here: marked so, as its status callback would), the three instances
# ask Twilio for its price; each message should be asked about once.
psql_super -d callaback -c "update sms_metrics m set status = 'delivered', is_delivered = true,
  updated_at = now() - interval '1 minute' from follow_ups f where f.tenant_id = m.tenant_id and f.id = m.follow_up_id
  and f.body like 'Wave 2:%'" >/dev/null
unpriced() { psql_admin -c "select count(*) from sms_metrics m join follow_ups f on f.tenant_id = m.tenant_id
  and f.id = m.follow_up_id where f.body like 'Wave 2:%' and m.details_fetched_at is null"; }
deadline=$(( $(date +%s) + 120 ))
while [ "$(unpriced)" != 0 ] && [ "$(date +%s)" -lt $deadline ]; do sleep 1; done
DETAILS_STATS=$(curl -sf "http://127.0.0.1:$STUB_PORT/stats")
STATUS=$(psql_admin -F ' ' -c "select status, count(*) from follow_ups where body like 'Wave%' group by status
  order by status" | tr '\n' ';')
UNPRICED=$(unpriced)

# How many texts a worker taking over found already sent (Twilio's list) and recorded instead of sending again.
RECOVERED=$(cat "$WORK"/app-*.log | grep -c "was sent by a worker that stopped" || true)
RETRIED=$(cat "$WORK"/app-*.log | grep -c " not sent: " || true)

# --- Results -----------------------------------------------------------------------------------------------------
json() { tr -d '{}"' <<<"$1" | tr ',' '\n' | awk -F: -v k="$2" '$1 == k {print $2}'; }
mkdir -p "$OUT"
{
  echo "# Replicas and faults ($(date -u +'%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD))"
  echo
  echo "\`src/test/reliability/replicas.sh\`: $BUSINESSES businesses, three instances, lease $LEASE, stub answer"
  echo "delay $STUB_DELAY_MS ms, load average $(cut -d' ' -f1 /proc/loadavg) at the end."
  echo
  echo "| check | result |"
  echo "|---|---|"
  echo "| wave 1: texts due at once | $WAVE1 |"
  echo "| wave 1: SIGKILL of instance 2 once ${KILL_AT} % were sent | $WITH_TWILIO_AT_KILL texts claimed by it, $SENT_AT_KILL of all sent |"
  echo "| wave 1: texts Twilio received / distinct recipients | $(json "$WAVE1_STATS" messages) / $(json "$WAVE1_STATS" pairs) |"
  echo "| wave 1: sent twice (must be at most the texts the killed instance had claimed) | $(json "$WAVE1_STATS" duplicates) |"
  echo "| wave 1: texts the killed instance had sent, found in Twilio's list by the instance taking over, not resent | $RECOVERED |"
  echo "| wave 1: drained (all sent, the killed instance's rows after its lease) | in $WAVE1_MS ms |"
  echo "| wave 1: rows left claimed by the killed instance | $LEFT_BY_KILLED |"
  echo "| wave 2: texts due at once | $WAVE2 |"
  echo "| wave 2: SIGTERM of instance 3 after ${TERM_AFTER} s: exit after | $TERM_EXIT_MS ms |"
  echo "| wave 2: rows left claimed by the stopped instance | $LEFT_BY_TERMED |"
  echo "| wave 2: texts Twilio received / distinct recipients / sent twice | $(json "$WAVE2_STATS" messages) / $(json "$WAVE2_STATS" pairs) / $(json "$WAVE2_STATS" duplicates) |"
  echo "| follow-ups by status at the end | $STATUS |"
  echo "| sends that failed and were tried again (the stub resets connections past 256 at once) | $RETRIED |"
  echo "| message details fetched (wave 2) / fetched more than once | $(json "$DETAILS_STATS" fetches) / $(json "$DETAILS_STATS" fetchDuplicates) |"
  echo "| wave 2 texts whose details are not fetched yet | $UNPRICED |"
} >"$OUT/results.md"
cat "$OUT/results.md"

# Exit status: what must hold.
dup1=$(json "$WAVE1_STATS" duplicates); pairs1=$(json "$WAVE1_STATS" pairs); pairs2=$(json "$WAVE2_STATS" pairs)
ok=true
[ "$pairs1" = "$WAVE1" ] || { log "FAIL: wave 1 reached $pairs1 of $WAVE1 recipients"; ok=false; }
[ "$dup1" -le "$WITH_TWILIO_AT_KILL" ] || { log "FAIL: $dup1 sent twice, more than the $WITH_TWILIO_AT_KILL in flight"; ok=false; }
[ "$pairs2" = "$WAVE2" ] || { log "FAIL: wave 2 reached $pairs2 of $WAVE2 recipients"; ok=false; }
[ "$(json "$WAVE2_STATS" duplicates)" = 0 ] || { log "FAIL: texts sent twice after a SIGTERM"; ok=false; }
[ "$LEFT_BY_TERMED" = 0 ] || { log "FAIL: the stopped instance left rows leased"; ok=false; }
case "$STATUS" in *failed*) log "FAIL: texts failed"; ok=false;; esac
$ok
