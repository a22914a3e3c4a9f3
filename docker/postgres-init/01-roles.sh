#!/bin/bash
# Run once by the postgres image (as the superuser) when the data volume is
# empty. Creates the three Callaback roles and the database. Table privileges
# are granted by the Flyway migrations (which run as callaback_owner), not here.
#
# Needs in the container environment: DB_MIGRATION_PASSWORD, DB_PASSWORD.
set -euo pipefail

: "${DB_MIGRATION_PASSWORD:?DB_MIGRATION_PASSWORD must be set (password of role callaback_owner)}"
: "${DB_PASSWORD:?DB_PASSWORD must be set (password of role callaback_app)}"

# Passwords are passed as psql variables and quoted with :'var', so any
# characters in them are safe.
psql -v ON_ERROR_STOP=1 \
     --username "${POSTGRES_USER:-postgres}" \
     --dbname "${POSTGRES_DB:-postgres}" \
     -v owner_pw="$DB_MIGRATION_PASSWORD" \
     -v app_pw="$DB_PASSWORD" <<'EOSQL'
CREATE ROLE callaback_owner LOGIN PASSWORD :'owner_pw'
  NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;

CREATE ROLE callaback_app LOGIN PASSWORD :'app_pw'
  NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;

-- Runs the SECURITY DEFINER functions with column grants only (migration V27);
-- nobody logs in as it, and only the owner (who hands it the functions) is a member.
CREATE ROLE callaback_definer NOLOGIN
  NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
GRANT callaback_definer TO callaback_owner;

CREATE DATABASE callaback OWNER callaback_owner;

REVOKE ALL ON DATABASE callaback FROM PUBLIC;
GRANT CONNECT ON DATABASE callaback TO callaback_app;

\connect callaback

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO callaback_app;
EOSQL
