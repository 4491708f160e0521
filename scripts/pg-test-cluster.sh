#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the team-session tests and benchmarks.
#   scripts/pg-test-cluster.sh start   → prints postgres://convene@127.0.0.1:PORT/convene_test
#   scripts/pg-test-cluster.sh stop    → stops it and deletes its files
#   scripts/pg-test-cluster.sh url     → prints the URL of the running cluster
#   scripts/pg-test-cluster.sh restart-after SECONDS → stop the server, wait, start it again
# Uses the server binaries Debian installs (/usr/lib/postgresql/N/bin); installs
# nothing. As root it runs the server as the unprivileged `postgres` user (or a
# `convene-ci` user it creates). Listens on 127.0.0.1 only, on a free port.
# Auth: role `convene` (superuser) is trusted from 127.0.0.1; every other role
# needs its password (scram-sha-256), so the tests exercise PGPASSWORD/.pgpass.
# TLS is on with a self-signed certificate for localhost / 127.0.0.1, whose
# copy is printed by `ca` (for sslmode=verify-full tests).
set -euo pipefail

DIR="${CONVENE_PG_DIR:-/tmp/convene-pg-test-$(id -u)}"
DATA="$DIR/data"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || { echo "pg-test-cluster: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

run_as=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  if getent passwd postgres >/dev/null; then owner=postgres
  else getent passwd convene-ci >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin convene-ci; owner=convene-ci; fi
  run_as=(runuser -u "$owner" --)
fi

url() { echo "postgres://convene@127.0.0.1:$(cat "$DIR/port")/convene_test"; }

free_port() {
  local p
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "pg-test-cluster: no free port in 55432-55532" >&2; exit 1
}

case "${1:-}" in
start)
  if [ -f "$DIR/port" ] && "${run_as[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then url; exit 0; fi
  rm -rf "$DIR"; mkdir -p "$DIR"; chmod 700 "$DIR"
  [ "$(id -u)" -eq 0 ] && chown "$owner" "$DIR"
  port="$(free_port)"; echo "$port" > "$DIR/port"
  "${run_as[@]}" "$BIN/initdb" -D "$DATA" -U convene --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  cat > "$DATA/pg_hba.conf" <<HBA
local all all trust
host all convene 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
  ssl=off
  if command -v openssl >/dev/null; then
    "${run_as[@]}" openssl req -new -x509 -days 30 -nodes -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$DATA/server.key" -out "$DATA/server.crt" >/dev/null 2>&1 && ssl=on
    [ "$ssl" = on ] && chmod 600 "$DATA/server.key" && cp "$DATA/server.crt" "$DIR/ca.crt" && chmod 644 "$DIR/ca.crt"
  fi
  cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = $ssl
CONF
  "${run_as[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
  "${run_as[@]}" "$BIN/createdb" -h "$DIR" -p "$port" -U convene convene_test
  url
  ;;
stop)
  if [ -d "$DATA" ]; then "${run_as[@]}" "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$DIR"
  ;;
restart-after)
  # Stops the server (sessions terminated), waits, starts it again on the same port.
  "${run_as[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  sleep "${2:-10}"
  "${run_as[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 start >/dev/null
  ;;
url) [ -f "$DIR/port" ] || { echo "pg-test-cluster: not running (start it first)" >&2; exit 1; }; url ;;
ca) [ -f "$DIR/ca.crt" ] || { echo "pg-test-cluster: no certificate (openssl missing?)" >&2; exit 1; }; echo "$DIR/ca.crt" ;;
*) echo "usage: $0 start|stop|url|ca|restart-after SECONDS" >&2; exit 2 ;;
esac
