#!/usr/bin/env bash
# The database restarts under webhook load (issue 12, docs/reliability.md):
#
#   src/test/reliability/database-restart.sh      # about 3 minutes; writes target/reliability/database-restart.md
#
# The packaged app (production mode) takes signed incoming-call + dial-status pairs at RATE requests a second
# (WebhookPlayer.java, as Twilio sends and retries them) while its PostgreSQL is stopped for DOWN seconds and
# started again. Checks: the app recovers by itself (no restart); webhooks that fail during the outage answer 5xx
# (never a 4xx, which Twilio would not retry); after Twilio's retries every call is recorded once, missed, with its
# lead and its text; readiness reports the outage while it lasts.
#
# Settings (environment): BUSINESSES=50 PAIRS=4000 RATE=200 DOWN=5 STOP_AFTER=6 (seconds into the load) BUILD=true
# KEEP=false JAVA_OPTS (as the benchmark's)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
ROOT=$PWD
HERE=$ROOT/src/test/benchmark

BUSINESSES=${BUSINESSES:-50}
PAIRS=${PAIRS:-4000}
RATE=${RATE:-200}
DOWN=${DOWN:-5}
STOP_AFTER=${STOP_AFTER:-6}
BUILD=${BUILD:-true}
KEEP=${KEEP:-false}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1"}
NAME=reliability
OUT=$ROOT/target/reliability

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }

# shellcheck source=../benchmark/environment.sh
source "$HERE/environment.sh"

log "starting the app"
# shellcheck disable=SC2086
(cd "$ROOT/target/quarkus-app" && exec java $JAVA_OPTS -jar quarkus-run.jar) >"$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$MGMT_PORT/q/health/ready" || true; }
until [ "$(ready)" = 200 ]; do kill -0 $APP_PID 2>/dev/null || { tail -40 "$WORK/app.log"; exit 1; }; sleep 0.1; done

java "$HERE/LoadData.java" calls "$WORK/calls.txt" "$BUSINESSES" "$PAIRS" "$PUBLIC_BASE_URL" 3
# Readiness, every 100 ms, as the orchestrator would see it.
( while kill -0 $APP_PID 2>/dev/null; do echo "$(now_ms) $(ready)"; sleep 0.1; done ) >"$WORK/readiness.txt" &
PIDS+=($!)

log "playing $((PAIRS * 2)) webhooks at $RATE a second; PostgreSQL stops after $STOP_AFTER s for $DOWN s"
java "$ROOT/src/test/reliability/WebhookPlayer.java" "$WORK/calls.txt" "http://127.0.0.1:$APP_PORT" "$RATE" 64 \
  >"$WORK/player.txt" 2>"$WORK/player.log" &
PLAYER=$!
sleep "$STOP_AFTER"
stopped=$(now_ms)
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null
log "PostgreSQL stopped"
sleep "$DOWN"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/postgres.log" -w start >/dev/null
started=$(now_ms)
log "PostgreSQL started again"
wait $PLAYER
PLAYED=$(cat "$WORK/player.txt")
log "player: $PLAYED"
sleep 1

# Readiness: not ready during the outage, ready again after it (the first 200 after the restart, in ms).
NOT_READY=$(awk -v a="$stopped" -v b="$started" '$1 >= a && $1 <= b && $2 != 200' "$WORK/readiness.txt" | wc -l)
DURING=$(awk -v a="$stopped" -v b="$started" '$1 >= a && $1 <= b' "$WORK/readiness.txt" | wc -l)
BACK_MS=$(awk -v b="$started" '$1 > b && $2 == 200 {print $1 - b; exit}' "$WORK/readiness.txt")
ROWS=$(psql_super -d callaback -F ' ' -c "select
  (select count(*) from interactions where type = 'call' and call_sid like 'CA%'),
  (select count(distinct call_sid) from interactions where type = 'call'),
  (select count(*) from interactions where type = 'call' and status = 'missed'),
  (select count(*) from leads),
  (select count(*) from follow_ups where type = 'auto_sms')")
read -r CALLS DISTINCT MISSED LEADS TEXTS <<<"$ROWS"
field() { tr ' ' '\n' <<<"$PLAYED" | awk -F= -v k="$1" '$1 == k {print $2}'; }
ALIVE=$(kill -0 $APP_PID 2>/dev/null && echo yes || echo no)

mkdir -p "$OUT"
{
  echo "# Database restart under webhook load ($(date -u +'%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD))"
  echo
  echo "\`src/test/reliability/database-restart.sh\`: $BUSINESSES businesses, $PAIRS calls (two webhooks each) at $RATE"
  echo "webhooks a second; PostgreSQL stopped (fast) after $STOP_AFTER s for $DOWN s. Load average $(cut -d' ' -f1 /proc/loadavg)."
  echo
  echo "| check | result |"
  echo "|---|---|"
  echo "| webhooks: answered 2xx / 5xx / 4xx / no answer, first delivery | $(field ok) / $(field 5xx) / $(field 4xx) / $(field errors) |"
  echo "| webhooks retried (as Twilio does) / still failing after ten retries | $(field retried) / $(field still_failing) |"
  echo "| the app, never restarted, still running | $ALIVE |"
  echo "| calls recorded / distinct / missed | $CALLS / $DISTINCT / $MISSED (of $PAIRS) |"
  echo "| leads / automatic texts | $LEADS / $TEXTS |"
  echo "| readiness not 200 while PostgreSQL was down | $NOT_READY of $DURING polls |"
  echo "| readiness back to 200 after PostgreSQL started | ${BACK_MS:-never} ms |"
} >"$OUT/database-restart.md"
cat "$OUT/database-restart.md"

ok=true
[ "$(field 4xx)" = 0 ] || { log "FAIL: webhooks answered 4xx (Twilio does not retry those)"; ok=false; }
[ "$(field still_failing)" = 0 ] || { log "FAIL: webhooks still failing after the retries"; ok=false; }
[ "$CALLS" = "$PAIRS" ] && [ "$DISTINCT" = "$PAIRS" ] && [ "$MISSED" = "$PAIRS" ] || { log "FAIL: calls"; ok=false; }
[ "$LEADS" = "$PAIRS" ] && [ "$TEXTS" = "$PAIRS" ] || { log "FAIL: leads or texts"; ok=false; }
[ "$NOT_READY" -gt 0 ] || { log "FAIL: readiness never reported the outage"; ok=false; }
[ -n "${BACK_MS:-}" ] || { log "FAIL: not ready again"; ok=false; }
[ "$ALIVE" = yes ] || { log "FAIL: the app died"; ok=false; }
$ok
