#!/usr/bin/env bash
# A local PostgreSQL for the backend's tests and benchmarks: Debian's server, started, with a
# role and a database the tests reset table by table. Idempotent; run as root (CI and dev boxes).
# Prints only the URL the tests read (TEST_DATABASE_URL), so `export X="$(…)"` works.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
if [ -z "$(pg_lsclusters --no-header)" ]; then
  # Installed without a cluster (some images skip it): make Debian's default one.
  pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
if [ "$status" != online ]; then
  pg_ctlcluster "$version" "$cluster" start
fi

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAtX "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'banq'")" != 1 ]; then
  psql_admin -c "create role banq login password 'banq'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = 'banq_test'")" != 1 ]; then
  psql_admin -c "create database banq_test owner banq"
fi
echo "postgres://banq:banq@127.0.0.1:$port/banq_test"
