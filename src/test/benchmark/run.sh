#!/usr/bin/env bash
# The out-of-process benchmark of Callaback (docs/performance.md):
#
#   src/test/benchmark/run.sh                 # about 8 minutes; DURATION=5s for a quick try
#
# Packages the app, starts a throwaway PostgreSQL (the system's binaries, a temp folder, a free port), the
# local Twilio stub (TwilioStub.java, its own process) and the packaged app in production mode, loads
# BUSINESSES businesses with the seed command (each with its subaccount, known token and number), then from
# wrk in a separate process plays signed incoming-call + dial-status (no-answer) pairs: throughput at
# saturation, latency at fixed offered rates, the dispatch rate of texts made due at once through the
# scheduled path, pgbench with the statements the app issued for one pair, RSS and start-up time.
# Writes target/benchmark/results.md and prints it.
#
# Settings (environment):
#   BUSINESSES=200  DURATION=20s (each wrk run)  WARMUP=30s (the JIT compilers finish)  SATURATION_CONNECTIONS="8 32"
#   RATES="100 250 500 1000"  RATE_CONNECTIONS=<rate / 10, at least 8>  WRK_THREADS=2
#   DISPATCH_TEXTS=2000  DISPATCH_TIMEOUT=120 (seconds)  STUB_DELAY_MS=0 (the stub's answer to a text waits this
#   long, as Twilio's API takes about 100-300 ms)  BUILD=true (false: use target/quarkus-app as is)
#   JAVA_OPTS="-Xms64m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1"
#   PG_BIN=/usr/lib/postgresql/<newest>/bin  KEEP=false (true: leave the temp folder with all logs)
#   PROFILE=false (true: a JFR recording of the app during the dispatch, target/benchmark/dispatch.jfr, and
#   PostgreSQL's time per statement during it, target/benchmark/dispatch-statements.txt)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
ROOT=$PWD
HERE=$ROOT/src/test/benchmark

BUSINESSES=${BUSINESSES:-200}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-30s}
SATURATION_CONNECTIONS=${SATURATION_CONNECTIONS:-"8 32"}
RATES=${RATES:-"100 250 500 1000"}
WRK_THREADS=${WRK_THREADS:-2}
DISPATCH_TEXTS=${DISPATCH_TEXTS:-2000}
DISPATCH_TIMEOUT=${DISPATCH_TIMEOUT:-120}
BUILD=${BUILD:-true}
KEEP=${KEEP:-false}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1"}

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
seconds_of() { local d=$1; case $d in *m) echo $(( ${d%m} * 60 ));; *s) echo "${d%s}";; *) echo "$d";; esac; }
now_ms() { date +%s%3N; }

# --- 1-4a. Tools, package, PostgreSQL, the Twilio stub, the production environment, the businesses ---------
# shellcheck source=environment.sh
source "$HERE/environment.sh"

# Signed calls, precomputed: one file (series) per wrk run, enough fresh calls for 2,500 req/s.
run_seconds=$(seconds_of "$DURATION")
calls_file() { # <series> <pairs>
  java "$HERE/LoadData.java" calls "$WORK/calls-$1.txt" "$BUSINESSES" "$2" "$PUBLIC_BASE_URL" "$1"
  echo "$WORK/calls-$1.txt"
}

# --- 2b. Start-up to ready, RSS sampled from launch ------------------------------------------------------------
log "starting the app (production mode, JAVA_OPTS=$JAVA_OPTS)"
launched=$(now_ms)
# shellcheck disable=SC2086
# From the package's folder, so the class-data-sharing archive built with it applies (docs/operations.md).
CDS=""
[ -f "$ROOT/target/quarkus-app/app-cds.jsa" ] && CDS="-XX:SharedArchiveFile=app-cds.jsa"
# The garbage collector's pauses go to gc.log (kept with KEEP=true), to line up with slow runs.
(cd "$ROOT/target/quarkus-app" && exec java $CDS $JAVA_OPTS "-Xlog:gc:file=$WORK/gc.log:uptime,time" \
  -jar quarkus-run.jar) >"$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
( while kill -0 $APP_PID 2>/dev/null; do
    echo "$(now_ms) $(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status 2>/dev/null)"; sleep 0.25
  done ) >"$WORK/rss.txt" 2>/dev/null &
PIDS+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$MGMT_PORT/q/health/ready"; do
  kill -0 $APP_PID 2>/dev/null || { tail -40 "$WORK/app.log"; exit 1; }
  sleep 0.05
done
READY_MS=$(( $(now_ms) - launched ))
log "ready after $READY_MS ms"
cpu_ticks() { awk '{print $14 + $15}' /proc/${1:-$APP_PID}/stat; }
# PostgreSQL's CPU: the postmaster and every process it started (the app's pooled backends live throughout).
pg_ticks() {
  local postmaster; postmaster=$(head -1 "$WORK/pg/postmaster.pid")
  for p in $postmaster $(pgrep -P "$postmaster"); do awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null; done \
    | awk '{s += $1} END {print s + 0}'
}
CLK_TCK=$(getconf CLK_TCK)

# One wrk run; appends "<label>|<connections>|<offered>|<RESULT fields>|<app cores>" to $WORK/runs.txt.
wrk_run() { # <label> <series> <connections> <duration> <rate or 0>
  local label=$1 series=$2 connections=$3 duration=$4 rate=$5 pairs file before after ticks0 ticks1 result
  if [ "$rate" = 0 ]; then pairs=$(( 1250 * $(seconds_of "$duration") + 1000 ))
  else pairs=$(( rate * $(seconds_of "$duration") * 6 / 10 + 500 )); fi
  file=$(calls_file "$series" "$pairs")
  before=$(now_ms); ticks0=$(cpu_ticks)
  result=$(wrk -t"$WRK_THREADS" -c"$connections" -d"$duration" --timeout 15s -s "$HERE/webhooks.lua" \
    "http://127.0.0.1:$APP_PORT" -- "$file" "$WRK_THREADS" "$rate" | grep '^RESULT' | cut -d' ' -f2-)
  after=$(now_ms); ticks1=$(cpu_ticks)
  local cores
  cores=$(awk -v t=$((ticks1 - ticks0)) -v hz="$CLK_TCK" -v ms=$((after - before)) 'BEGIN {printf "%.2f", t / hz / (ms / 1000)}')
  echo "$label|$connections|$rate|$result|$cores|$before|$after" >>"$WORK/runs.txt"
  rm -f "$file"
  log "$label: $result cores=$cores"
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }

# --- 4b. Warm-up, then the statements of one warm pair from PostgreSQL's own log ---------------------------
wrk_run warm-up 19 8 "$WARMUP" 0
: >"$WORK/runs.txt"
log "capturing the SQL of one webhook pair"

post_line() { # <line of a calls file>
  local path body signature
  IFS=$'\t' read -r path body signature <<<"$1"
  curl -sf -o /dev/null -H "X-Twilio-Signature: $signature" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data "$body" "http://127.0.0.1:$APP_PORT$path"
}
# Two fresh calls to the first business: the first warms its caches (as every business's are under load), the
# second is the one captured.
java "$HERE/LoadData.java" calls "$WORK/calls-18.txt" 1 2 "$PUBLIC_BASE_URL" 18
head -2 "$WORK/calls-18.txt" | while IFS= read -r line; do post_line "$line"; done
capture_file=$WORK/capture.txt
tail -2 "$WORK/calls-18.txt" >"$capture_file"
# Every session re-reads the configuration at a reload, so the pool's open connections log too.
psql_super -d callaback -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" >/dev/null
sleep 0.5
psql_super -d callaback -c "select 'benchmark-capture-start'" >/dev/null
while IFS= read -r line; do post_line "$line"; done <"$capture_file"
sleep 0.3 # anything the app still does after answering belongs to the pair too
psql_super -d callaback -c "select 'benchmark-capture-end'" >/dev/null
psql_super -d callaback -c "alter system reset log_statement" -c "select pg_reload_conf()" >/dev/null
sed -n '/benchmark-capture-start/,/benchmark-capture-end/p' "$WORK/postgres.log" >"$OUT/pair.sql.log"
# pgbench picks a business per transaction from this table (benchmark database only).
psql_admin -f - >/dev/null <<'EOSQL'
create table bench_businesses as
select row_number() over (order by p.e164) as n, p.tenant_id, p.id as phone_id, p.twilio_account_id as account_id,
       p.e164 as number, a.subaccount_sid as account_sid
  from phone_numbers p join twilio_accounts a on a.tenant_id = p.tenant_id and a.id = p.twilio_account_id
 where p.status = 'active';
create unique index on bench_businesses (n);
grant select on bench_businesses to callaback_app;
EOSQL
form_value() { tr '&' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}' | sed 's/%2B/+/g'; }
capture_body=$(head -1 "$capture_file" | cut -f2)
java "$HERE/PgbenchScript.java" "$OUT/pair.sql.log" "$OUT/pair.pgbench.sql" "$BUSINESSES" \
  "number=$(form_value "$capture_body" To)" "caller=$(form_value "$capture_body" From)" \
  "callSid=$(form_value "$capture_body" CallSid)" "accountSid=$(form_value "$capture_body" AccountSid)" \
  $(psql_admin -F' ' -c "select 'tenant=' || tenant_id, 'phone=' || phone_id, 'account=' || account_id
                         from bench_businesses where number = '$(form_value "$capture_body" To)'" | tail -1) \
  >"$WORK/pgbench-script.txt"
STATEMENTS=$(awk -F= '/^statements=/ {print $2}' "$WORK/pgbench-script.txt")
TRANSACTIONS=$(awk -F= '/^transactions=/ {print $2}' "$WORK/pgbench-script.txt")
log "one pair: $STATEMENTS statements in $TRANSACTIONS transactions (target/benchmark/pair.pgbench.sql)"

# --- 4c. Throughput at saturation, latency at fixed offered rates --------------------------------------------
series=0
for c in $SATURATION_CONNECTIONS; do wrk_run saturation "$series" "$c" "$DURATION" 0; series=$((series + 1)); done
for r in $RATES; do
  # One connection per 10 req/s offered: pacing holds while the mean latency stays under 100 ms.
  c=${RATE_CONNECTIONS:-$(( r / 10 > 8 ? r / 10 : 8 ))}
  wrk_run rate "$series" "$c" "$DURATION" "$r"; series=$((series + 1))
done
LOAD_END=$(now_ms)

# --- 5. Dispatch: pending texts made due at once, through the scheduled path --------------------------------
pending=$(psql_admin -c "select count(*) from follow_ups where status = 'pending'" | tail -1)
log "dispatch: making $DISPATCH_TEXTS of $pending pending texts due"
curl -sf -X POST "http://127.0.0.1:$STUB_PORT/reset" >/dev/null
if [ "${PROFILE:-false}" = true ]; then
  jcmd $APP_PID JFR.start name=dispatch settings=profile >/dev/null
  psql_super -d callaback -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" \
    >/dev/null
fi
psql_admin -f - >/dev/null <<EOSQL
create table bench_due as select id from follow_ups where status = 'pending' order by scheduled_at limit $DISPATCH_TEXTS;
update follow_ups set scheduled_at = now() where id in (select id from bench_due);
EOSQL
due_at=$(now_ms)
dispatch_ticks0="$(cpu_ticks) $(pg_ticks) $(cpu_ticks $STUB_PID)"
made_due=$(( pending < DISPATCH_TEXTS ? pending : DISPATCH_TEXTS ))
# Until none of the texts made due waits any more (sent, or failed, skipped or held: only "sent" is counted).
while :; do
  waiting=$(psql_admin -c "select count(*) from follow_ups where id in (select id from bench_due)
    and status in ('pending', 'sending')" | tail -1)
  elapsed=$(( $(now_ms) - due_at ))
  [ "$waiting" -eq 0 ] && break
  [ "$elapsed" -ge $((DISPATCH_TIMEOUT * 1000)) ] && break
  sleep 0.2
done
sent=$(psql_admin -c "select count(*) from follow_ups where id in (select id from bench_due) and status = 'sent'" \
  | tail -1)
DISPATCH_MS=$elapsed
dispatch_ticks1="$(cpu_ticks) $(pg_ticks) $(cpu_ticks $STUB_PID)"
# CPU seconds spent during the dispatch by the app, PostgreSQL and the stub: what a text costs, whatever else ran.
DISPATCH_CPU=$(awk -v a="$dispatch_ticks0" -v b="$dispatch_ticks1" -v hz="$CLK_TCK" -v n="$sent" 'BEGIN {
  split(a, x, " "); split(b, y, " "); app = (y[1] - x[1]) / hz; pg = (y[2] - x[2]) / hz; stub = (y[3] - x[3]) / hz
  printf "app %.2f s, PostgreSQL %.2f s, stub %.2f s; app + PostgreSQL %.2f ms per text sent", app, pg, stub,
    (n > 0 ? (app + pg) * 1000 / n : 0) }')
[ "${PROFILE:-false}" = true ] && jcmd $APP_PID JFR.stop name=dispatch filename="$OUT/dispatch.jfr" >/dev/null
[ "${PROFILE:-false}" = true ] && jcmd $APP_PID VM.native_memory summary >"$OUT/native-memory.txt" 2>&1
[ "${PROFILE:-false}" = true ] && psql_super -d callaback -F ' | ' -c "select calls, round(total_exec_time::numeric, 1)
    as total_ms, round(mean_exec_time::numeric, 3) as mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    from pg_stat_statements order by total_exec_time desc limit 25" >"$OUT/dispatch-statements.txt"
DISPATCH_SENT=$sent
STUB_STATS=$(curl -sf "http://127.0.0.1:$STUB_PORT/stats")
DISPATCH_END=$(now_ms)
log "dispatch: $sent of $made_due sent in $DISPATCH_MS ms; stub: $STUB_STATS; CPU: $DISPATCH_CPU"

# --- 6. pgbench: the same statements, straight to the same server ------------------------------------------
# The app is stopped first: the ceiling is the server's alone, with both cores.
kill $APP_PID; wait $APP_PID 2>/dev/null || true
PGBENCH_RESULTS=()
for c in $SATURATION_CONNECTIONS; do
  tps=$(PGPASSWORD=bench_app "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U callaback_app -n -M prepared -c "$c" -j "$WRK_THREADS" \
    -T "$run_seconds" -f "$OUT/pair.pgbench.sql" callaback 2>"$WORK/pgbench-$c.err" | tee "$WORK/pgbench-$c.log" \
    | awk '/^tps = / {printf "%.0f", $3}' || true)
  [ -n "$tps" ] || { tail -20 "$WORK/pgbench-$c.err"; tps=0; }
  PGBENCH_RESULTS+=("$c:$tps")
  log "pgbench -c $c: $tps pairs/s"
done

# --- 7. Results ------------------------------------------------------------------------------------------------
max_rss() { awk -v from="$1" -v to="$2" '$1 >= from && $1 <= to && $2 > m {m = $2} END {printf "%.0f", m / 1024}' "$WORK/rss.txt"; }
load_start=$(head -1 "$WORK/runs.txt" | cut -d'|' -f6)
RSS_LOAD=$(max_rss "$load_start" "$LOAD_END")
RSS_ALL=$(max_rss 0 "$DISPATCH_END")
{
  echo "# Callaback benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)');" \
    "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);" \
    "$(java -version 2>&1 | head -1); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}');" \
    "$BUSINESSES businesses; wrk $WRK_THREADS threads, $DURATION per run, closed-loop." \
    "Load average (1 min) before the run $LOAD_BEFORE, after it $(cut -d' ' -f1 /proc/loadavg)" \
    "(anything above 0 is other work on the same cores)."
  echo
  echo "JAVA_OPTS: \`$JAVA_OPTS\`"
  echo
  echo "| run | connections | offered req/s | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | errors | app CPU (cores) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  while IFS='|' read -r label connections rate result cores _ _; do
    errors=$(( $(field "$result" non2xx) + $(field "$result" socket) + $(field "$result" timeouts) ))
    note=""
    [ "$(field "$result" replays)" != 0 ] && note=" (ran out of fresh calls: some replayed)"
    [ "$rate" = 0 ] && rate="saturation"
    echo "| $label$note | $connections | $rate | $(field "$result" rps) | $(field "$result" p50) | $(field "$result" p95)" \
      "| $(field "$result" p99) | $(field "$result" max) | $errors | $cores |"
  done <"$WORK/runs.txt"
  echo
  echo "Webhooks are signed \`incoming-call\` + \`dial-status\` (no-answer) pairs, each call fresh; an error is any"
  echo "response other than 2xx, a socket error or a timeout (15 s)."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| start-up to ready (launch to first 200 from /q/health/ready) | $READY_MS ms |"
  echo "| max RSS under the webhook load / over the whole run | $RSS_LOAD MB / $RSS_ALL MB |"
  dispatch_rate=$(awk -v n="$DISPATCH_SENT" -v ms="$DISPATCH_MS" 'BEGIN {printf "%.1f", (ms > 0 ? n * 1000 / ms : 0)}')
  timed_out=""
  [ "$DISPATCH_MS" -ge $((DISPATCH_TIMEOUT * 1000)) ] && timed_out=" (stopped after ${DISPATCH_TIMEOUT} s)"
  echo "| dispatch: texts made due at once, sent through the scheduled path | $DISPATCH_SENT of $made_due in $((DISPATCH_MS / 1000)).$(printf '%03d' $((DISPATCH_MS % 1000))) s = $dispatch_rate texts/s$timed_out |"
  echo "| dispatch: CPU time while it ran | $DISPATCH_CPU |"
  echo "| dispatch: texts the Twilio stub received / duplicates (same From and To) | $(sed 's/.*"messages":\([0-9]*\).*"duplicates":\([0-9]*\).*/\1 \/ \2/' <<<"$STUB_STATS") |"
  echo "| SQL of one warm webhook pair (from PostgreSQL's log) | $STATEMENTS statements, $TRANSACTIONS transaction blocks (BEGIN … COMMIT) |"
  for entry in "${PGBENCH_RESULTS[@]}"; do
    c=${entry%%:*}; tps=${entry#*:}
    app=$(awk -F'|' -v c="$c" '$1 == "saturation" && $2 == c {print $4}' "$WORK/runs.txt" | tr ' ' '\n' \
      | awk -F= '$1 == "rps" {print $2}')
    ratio=$(awk -v a="${app:-0}" -v p="$tps" 'BEGIN {printf "%.1f", (p > 0 ? 100 * a / (2 * p) : 0)}')
    echo "| pgbench, the pair's statements, $c clients: pairs/s (= webhooks/s) | $tps ($((tps * 2))); the app at saturation reaches $ratio % of it |"
  done
} >"$OUT/results.md"
cat "$OUT/results.md"
