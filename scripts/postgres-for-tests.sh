#!/usr/bin/env bash
# A local PostgreSQL for the backend's tests and benchmarks: Debian's server, started, with a
# role and the databases the tests and the benchmark reset table by table. Idempotent; run as
# root (CI and dev boxes).
# Prints only the URL the tests read (TEST_DATABASE_URL), so `export X="$(…)"` works.
set -euo pipefail
# Everything but the URL goes to stderr: pg_ctlcluster, for one, prints "Removed stale pid file."
exec 3>&1 1>&2

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
  # A machine restored from an image may keep a dead server's socket lock: clear it, or the
  # start fails with "lock file already exists".
  for lock in /var/run/postgresql/.s.PGSQL."$port".lock; do
    if [ -f "$lock" ] && ! kill -0 "$(head -1 "$lock")" 2>/dev/null; then
      rm -f "$lock" "${lock%.lock}"
    fi
  done
  # 3>&-: the server must not hold the caller's $(…) pipe open.
  pg_ctlcluster "$version" "$cluster" start 3>&-
fi

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAtX "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'banq'")" != 1 ]; then
  psql_admin -c "create role banq login password 'banq'"
fi
# banq_test for the tests; banq_bench for `npm run bench`, whose tables it empties; banq_scale
# for the scale-out tests (test/scale-out), whose instances share it and whose schema they reset.
for database in banq_test banq_bench banq_scale; do
  if [ "$(psql_admin -c "select 1 from pg_database where datname = '$database'")" != 1 ]; then
    psql_admin -c "create database $database owner banq"
  fi
done
echo "postgres://banq:banq@127.0.0.1:$port/banq_test" >&3
