# The environment the out-of-process scripts share (sourced by run.sh and ../reliability/replicas.sh): installs
# what is missing, packages the app, starts a throwaway PostgreSQL with the roles of docker/postgres-init, the Twilio
# stub in its own process, sets the production environment of docs/operations.md, and loads BUSINESSES businesses
# with the packaged seed command. Expects ROOT, HERE (this folder), BUSINESSES, BUILD, KEEP, JAVA_OPTS and log();
# OUT (target/benchmark) and NAME (benchmark, the temp folder's name) may be set. Defines WORK, OUT, PIDS, cleanup,
# as_pg, psql_super, psql_admin, JAR and the ports (PG_PORT, STUB_PORT, APP_PORT, MGMT_PORT).

# --- 1. What is missing gets installed (as .ci/run does for Chromium) ------------------------------------
newest_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PG_BIN=${PG_BIN:-$(newest_pg_bin)}
if ! command -v wrk >/dev/null || [ ! -x "${PG_BIN:-/nonexistent}/pgbench" ] || [ ! -x "${PG_BIN:-/nonexistent}/initdb" ]; then
  log "installing wrk and postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends wrk postgresql >/dev/null
  PG_BIN=$(newest_pg_bin)
fi
for tool in java curl wrk "$PG_BIN/pgbench" "$PG_BIN/psql"; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
WORK=$(mktemp -d "/tmp/callaback-${NAME:-benchmark}.XXXXXX")
OUT=${OUT:-$ROOT/target/benchmark}
mkdir -p "$OUT"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${PG_STARTED:-}" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ "$KEEP" = true ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
PG_PORT=$(free_port 15432)
STUB_PORT=$(free_port 18990)
APP_PORT=$(free_port 18080)
MGMT_PORT=$(free_port $((APP_PORT + 1000)))

# --- 2. Package -------------------------------------------------------------------------------------------
if [ "$BUILD" = true ]; then
  log "packaging the app"
  ./mvnw -q -o package -DskipTests >"$WORK/build.log" 2>&1 || ./mvnw -q package -DskipTests >"$WORK/build.log" 2>&1 \
    || { tail -50 "$WORK/build.log"; exit 1; }
fi
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "$JAR is missing (BUILD=false without a package?)" >&2; exit 1; }

# --- PostgreSQL: initdb refuses to run as root, so root runs it as the postgres user ---------------------
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$WORK"
log "starting PostgreSQL ($PG_BIN) on port $PG_PORT"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -E UTF8 --no-locale --auth-local=trust --auth-host=scram-sha-256 \
  >"$WORK/initdb.log"
cat >>"$WORK/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
max_connections = 100
log_line_prefix = '%m [%p] %u '
# What PostgreSQL does in the background (kept with KEEP=true), to line up with slow runs.
log_checkpoints = on
log_autovacuum_min_duration = 0
EOF
# With PROFILE=true, PostgreSQL counts its time per statement during the dispatch too.
[ "${PROFILE:-false}" = true ] && echo "shared_preload_libraries = 'pg_stat_statements'" >>"$WORK/pg/postgresql.conf"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/postgres.log" -w start >/dev/null
PG_STARTED=1
psql_super() { as_pg "$PG_BIN/psql" -h "$WORK" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
# The scripts' own reads and writes across businesses, as the database administrator: row-level security binds the
# schema owner too (forced; since V27 no policy admits it), so only the superuser sees every business's rows.
psql_admin() { as_pg "$PG_BIN/psql" -h "$WORK" -p "$PG_PORT" -U postgres -d callaback -v ON_ERROR_STOP=1 -qAt "$@"; }
# The roles of docker/postgres-init/01-roles.sh.
psql_super -d postgres <<'EOSQL'
CREATE ROLE callaback_owner LOGIN PASSWORD 'bench_owner' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
CREATE ROLE callaback_app LOGIN PASSWORD 'bench_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
CREATE ROLE callaback_definer NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT callaback_definer TO callaback_owner;
CREATE DATABASE callaback OWNER callaback_owner;
REVOKE ALL ON DATABASE callaback FROM PUBLIC;
GRANT CONNECT ON DATABASE callaback TO callaback_app;
\connect callaback
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO callaback_app;
EOSQL

# --- 3. The Twilio stub --------------------------------------------------------------------------------------
# TCP_NODELAY: the JDK's HTTP server writes headers and body apart, and without it every answer waited for the
# client's delayed ACK (40 ms), which capped the stub at about 700 answers a second with 32 connections.
java -Dsun.net.httpserver.nodelay=true "$HERE/TwilioStub.java" "$STUB_PORT" "${STUB_DELAY_MS:-0}" \
  >"$WORK/stub.log" 2>&1 &
STUB_PID=$!
PIDS+=($STUB_PID)
until curl -sf "http://127.0.0.1:$STUB_PORT/stats" >/dev/null; do sleep 0.2; done
log "Twilio stub on port $STUB_PORT"

# The production environment of docs/operations.md; OIDC points at nothing (no page is signed into here).
export DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/callaback" DB_USER=callaback_app DB_PASSWORD=bench_app
export DB_MIGRATION_USER=callaback_owner DB_MIGRATION_PASSWORD=bench_owner
export PUBLIC_BASE_URL="http://localhost:$APP_PORT"
export CALLABACK_ENCRYPTION_KEY=YmVuY2htYXJrLW9ubHkta2V5LW5vdC1hLXNlY3JldCE=
export OIDC_AUTH_SERVER_URL="http://127.0.0.1:$STUB_PORT/oidc" OIDC_CLIENT_ID=callaback
export OIDC_CLIENT_SECRET=benchmark-client-secret OIDC_SESSION_SECRET=benchmark-session-secret-0123456789abcdef
export TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 TWILIO_AUTH_TOKEN=benchmark-master-token
export CALLABACK_TWILIO_API_BASE_URL="http://127.0.0.1:$STUB_PORT"
# Billing runs locally: usage is counted and metered into the ledger as in production, nothing is sent to Stripe.
export CALLABACK_BILLING_MODE=local
export QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$MGMT_PORT

# --- 4a. Businesses, loaded with the seed command (it also migrates the empty database) -------------------
log "loading $BUSINESSES businesses with the seed command"
java "$HERE/LoadData.java" seed "$WORK/seed" "$BUSINESSES"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" seed "$WORK/seed" >"$WORK/seed.log" 2>&1 || true
# Judged by its log: on this machine the command has exited with 143 after a complete load and a clean stop.
grep -q "Seed data loaded from" "$WORK/seed.log" || { tail -30 "$WORK/seed.log"; echo "the seed command failed" >&2; exit 1; }
