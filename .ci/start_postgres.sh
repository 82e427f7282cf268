#!/usr/bin/env bash
# Install (if needed) and start a real PostgreSQL server on localhost for the test run, create a
# user and a database for it, and print the shell line that hands its SQLAlchemy URL to the tests
# (the only line printed on stdout; progress goes to stderr):
#
#   eval "$(bash .ci/start_postgres.sh)"     # exports UNION_LEDGER_TEST_PG_URL
#
# Needs root or passwordless sudo (apt-get, pg_ctlcluster). Safe to run twice.
set -euo pipefail

PG_USER="${PG_USER:-union_ledger}"
PG_PASSWORD="${PG_PASSWORD:-union_ledger_test}"
PG_DB="${PG_DB:-union_ledger_test}"
PG_PORT="${PG_PORT:-5432}"

log() { echo "start_postgres: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing PostgreSQL with apt-get"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

# The newest installed major version; create its cluster if the package did not.
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    log "creating cluster $VERSION/main"
    $SUDO pg_createcluster "$VERSION" main --port "$PG_PORT" >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $4}' | grep -qx online; then
    log "starting cluster $VERSION/main"
    $SUDO pg_ctlcluster "$VERSION" main start >&2
fi

# Wait until it accepts connections (a fresh cluster takes a moment).
for _ in $(seq 1 30); do
    if pg_isready -q -h localhost -p "$PG_PORT"; then break; fi
    sleep 1
done
pg_isready -h localhost -p "$PG_PORT" >&2

if [ "$(id -u)" -eq 0 ]; then
    as_postgres() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
else
    as_postgres() { sudo -n -u postgres "$@"; }
fi

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -q -p "$PG_PORT" -d postgres "$@"; }

# CREATEDB lets tests make throw-away databases; each test otherwise gets its own schema.
if ! psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'" | grep -q 1; then
    log "creating role $PG_USER"
    psql_admin -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >&2
else
    psql_admin -c "ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >&2
fi
if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    log "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0" >&2
fi

URL="postgresql+psycopg://$PG_USER:$PG_PASSWORD@localhost:$PG_PORT/$PG_DB"
log "ready: $URL"
echo "export UNION_LEDGER_TEST_PG_URL='$URL'"
