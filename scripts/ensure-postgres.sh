#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 (these machines run one; start it if it
# stopped) and that the role and database the tests use exist. Prints the DATABASE_URL to use.
set -euo pipefail
DB_NAME="${PGDATABASE_FOR_TESTS:-deputized}"
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >&2 || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started" >&2
  exit 1
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='${DB_NAME}'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database ${DB_NAME}" >&2
fi
echo "postgres://postgres@127.0.0.1:5432/${DB_NAME}"
