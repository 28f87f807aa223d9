#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the store tests and prints the
# JDBC URL to use; `stop DIR` stops it and removes its files.
# Installs Debian's postgresql package first when it is missing and we are root.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

case "${1:-start}" in
  start)
    if ! bin=$(find_bin); then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing PostgreSQL (Debian package) for the store tests..." >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
        bin=$(find_bin)
      else
        echo "PostgreSQL is not installed: apt-get install postgresql, or set KATO_TEST_POSTGRES=skip" >&2
        exit 1
      fi
    fi
    dir=$(mktemp -d /tmp/kato-pg.XXXXXX)
    port=${KATO_TEST_POSTGRES_PORT:-55432}
    run=()
    # initdb refuses to run as root: use the postgres account Debian's package creates.
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$dir"
      run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U kato -E UTF8 >"$dir/initdb.log" 2>&1
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    echo "$dir jdbc:postgresql://127.0.0.1:$port/postgres?user=kato"
    ;;
  stop)
    dir=$2
    bin=$(find_bin)
    run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
    ;;
esac
