#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the store tests and export its DSN.
#
#   source .ci/postgres.sh        # sets NEWSTRACE_TEST_PG in this shell
#   eval "$(.ci/postgres.sh)"     # same, when run as a program
#
# Installs PostgreSQL from the Debian packages if it is missing, creates (once)
# a dedicated cluster "newstrace" listening on 127.0.0.1 only, starts it, makes
# a role and a database "newstrace" with a random password (made once), and prints
# `export NEWSTRACE_TEST_PG=postgresql://...` when run as a program (sourced, it
# only sets the variable, so the password stays out of logs).  Progress goes to
# stderr, the export line to stdout.  Safe to run again: every step is idempotent.
# The script is sourced by .ci/run, so it sets no shell options and never
# calls `exit`; it only defines and calls one function.
# Environment: NEWSTRACE_PG_PORT (default 54329), NEWSTRACE_PG_CLUSTER
# (default newstrace).

_newstrace_postgres() {
    local port="${NEWSTRACE_PG_PORT:-54329}"
    local cluster="${NEWSTRACE_PG_CLUSTER:-newstrace}"
    local sudo="" ver password dsn
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

    if ! command -v pg_createcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "postgres.sh: installing PostgreSQL (apt-get)" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    fi
    ver="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    if [ -z "$ver" ]; then echo "postgres.sh: no PostgreSQL server found" >&2; return 1; fi

    if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$ver/$cluster"; then
        echo "postgres.sh: creating cluster $ver/$cluster on 127.0.0.1:$port" >&2
        $sudo pg_createcluster "$ver" "$cluster" --port "$port" >&2 || return 1
    fi
    # Reachable from this machine only (Debian's postgresql.conf reads conf.d/
    # last).  The cluster holds nothing but test data, so it trades crash
    # safety for speed: the tests create and drop many small schemas.
    local conf="/etc/postgresql/$ver/$cluster/conf.d/newstrace.conf"
    local want="listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off"
    if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
        printf '%s\n' "$want" | $sudo tee "$conf" >/dev/null || return 1
        $sudo pg_ctlcluster "$ver" "$cluster" stop >/dev/null 2>&1 || true
    fi
    if ! pg_lsclusters -h | awk -v c="$cluster" -v v="$ver" '$1==v && $2==c {print $4}' | grep -qx online; then
        echo "postgres.sh: starting cluster $ver/$cluster" >&2
        $sudo pg_ctlcluster "$ver" "$cluster" start >&2 || return 1
    fi
    port="$(pg_lsclusters -h | awk -v c="$cluster" -v v="$ver" '$1==v && $2==c {print $3}')"
    local i
    for i in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres.sh: server not ready" >&2; return 1; }

    # One random password per cluster, kept beside its configuration, so that
    # running this again does not invalidate a DSN another shell already uses.
    local pwfile="/etc/postgresql/$ver/$cluster/newstrace.password"
    password="$($sudo cat "$pwfile" 2>/dev/null || true)"
    if [ -z "$password" ]; then
        password="$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
        echo "$password" | $sudo tee "$pwfile" >/dev/null || return 1
        $sudo chmod 600 "$pwfile" || return 1
    fi
    local psql=($sudo -u postgres psql -q -X -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port")
    if [ -z "$sudo" ]; then psql=(runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port"); fi
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'newstrace'")" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE newstrace LOGIN" >&2 || return 1
    fi
    "${psql[@]}" -c "ALTER ROLE newstrace PASSWORD '$password'" >&2 || return 1
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'newstrace'")" != "1" ]; then
        "${psql[@]}" -c "CREATE DATABASE newstrace OWNER newstrace" >&2 || return 1
    fi
    dsn="postgresql://newstrace:$password@127.0.0.1:$port/newstrace"
    export NEWSTRACE_TEST_PG="$dsn"
    # Print the export line only when run as a program (for eval); sourced,
    # the variable is already set and the password stays out of the CI log.
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then
        echo "export NEWSTRACE_TEST_PG=$dsn"
    else
        echo "postgres.sh: NEWSTRACE_TEST_PG set (127.0.0.1:$port, database newstrace)" >&2
    fi
}

_newstrace_postgres
