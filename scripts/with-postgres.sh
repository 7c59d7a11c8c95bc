#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15: initdb into a temporary directory, start it on
# a free loopback port, export TEST_DATABASE_URL and DATABASE_URL, run the command, stop the
# server and delete the directory on exit (whatever the command's outcome).
#   scripts/with-postgres.sh swift test
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! PGBIN=$(find_bin); then
  echo "with-postgres: installing PostgreSQL 15 server binaries" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2 || apt-get install -y -qq postgresql >&2
  PGBIN=$(find_bin)
fi

# PostgreSQL refuses to run as root: run it as an unprivileged user.
RUN_AS=()
if [[ $(id -u) -eq 0 ]]; then
  PGUSER_OS=postgres
  id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home "$PGUSER_OS"
  RUN_AS=(runuser -u "$PGUSER_OS" --)
fi

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/street-manager-pg.XXXXXX")
chmod 755 "$PGDIR"
[[ ${#RUN_AS[@]} -gt 0 ]] && chown "$PGUSER_OS" "$PGDIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT INT TERM

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 \
  || { cat "$PGDIR/initdb.log" >&2; exit 1; }
# TLS with a self-signed certificate, so `sslmode` can be tested; the URLs below ask for none.
openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" -keyout "$PGDIR/data/server.key" \
  -out "$PGDIR/data/server.crt" >/dev/null 2>&1
chmod 600 "$PGDIR/data/server.key"
[[ ${#RUN_AS[@]} -gt 0 ]] && chown "$PGUSER_OS" "$PGDIR/data/server.key" "$PGDIR/data/server.crt"
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c ssl=on" start >/dev/null \
  || { cat "$PGDIR/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
export DATABASE_URL="$TEST_DATABASE_URL"
export TEST_DATABASE_CA="$PGDIR/data/server.crt"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
