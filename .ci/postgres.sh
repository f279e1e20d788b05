# Sourced by .ci/run: a throwaway PostgreSQL server on 127.0.0.1 for the platform suite.
# Installs Debian's postgresql when no server binaries are there, creates (or reuses) a cluster
# in CI_PG_DATA listening on 127.0.0.1:CI_PG_PORT only, a role and a database, and exports
# CLOUDWARDEN_TEST_POSTGRES_URL. Idempotent: a second run reuses the cluster (started again if
# it is down) and resets the role's password. Sets CI_PG_STOP, the command that stops it.

CI_PG_PORT="${CI_PG_PORT:-55432}"
CI_PG_DATA="${CI_PG_DATA:-/var/tmp/cloudwarden-ci-postgres}"
CI_PG_ROLE=cloudwarden
CI_PG_DATABASE=cloudwarden

ci_pg_fail() {
    echo "ci/postgres: $*" >&2
    exit 1
}

ci_pg_as_owner() {
    # initdb and postgres refuse to run as root: run them as the postgres system user.
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ci_pg_binaries() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(ci_pg_binaries)" ]; then
    [ "$(id -u)" = 0 ] || ci_pg_fail "PostgreSQL is not installed and installing it needs root"
    echo "ci/postgres: installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || ci_pg_fail "apt-get update failed: is a Debian mirror reachable?"
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
        || ci_pg_fail "apt-get install -y postgresql failed (see the apt output above)"
fi
CI_PG_BIN="$(ci_pg_binaries)"
[ -x "$CI_PG_BIN/initdb" ] || ci_pg_fail "no initdb under /usr/lib/postgresql/*/bin"
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || ci_pg_fail "the postgres system user is missing"
fi

if [ ! -f "$CI_PG_DATA/PG_VERSION" ]; then
    mkdir -p "$CI_PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$CI_PG_DATA"
    chmod 700 "$CI_PG_DATA"
    # Local (socket) connections trust the OS user; TCP needs the role's password.
    ci_pg_as_owner "$CI_PG_BIN/initdb" -D "$CI_PG_DATA" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$CI_PG_DATA.initdb.log" 2>&1 \
        || ci_pg_fail "initdb failed: $(tail -n 5 "$CI_PG_DATA.initdb.log")"
fi

if ! ci_pg_as_owner "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DATA" status >/dev/null 2>&1; then
    ci_pg_as_owner "$CI_PG_BIN/pg_ctl" -D "$CI_PG_DATA" -w -t 60 -l "$CI_PG_DATA/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $CI_PG_PORT -k $CI_PG_DATA -c max_connections=300 -c fsync=off" \
        start >/dev/null || ci_pg_fail "PostgreSQL did not start: $(tail -n 5 "$CI_PG_DATA/server.log")"
fi
CI_PG_STOP="$CI_PG_BIN/pg_ctl -D $CI_PG_DATA -m fast stop"

ci_pg_password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
ci_pg_as_owner "$CI_PG_BIN/psql" -h "$CI_PG_DATA" -p "$CI_PG_PORT" -U postgres -d postgres -qX \
    -v ON_ERROR_STOP=1 -v role="$CI_PG_ROLE" -v db="$CI_PG_DATABASE" -v pw="$ci_pg_password" \
    >/dev/null <<'SQL' || ci_pg_fail "could not create the role and database"
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role')
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL

export CLOUDWARDEN_TEST_POSTGRES_URL="postgresql+psycopg://$CI_PG_ROLE:$ci_pg_password@127.0.0.1:$CI_PG_PORT/$CI_PG_DATABASE"
unset ci_pg_password
echo "ci/postgres: PostgreSQL $("$CI_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$CI_PG_PORT"
