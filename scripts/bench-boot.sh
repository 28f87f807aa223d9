#!/usr/bin/env bash
# Boot-to-ready time and idle memory of the assembled Kato distribution.
#
#   ./mvnw -B -DskipTests install && scripts/bench-boot.sh [RUNS]
#
# For each JVM profile, unpacks a fresh distribution, then starts it RUNS times
# (run 1 is a first start: empty database, migrations, bootstrap; later runs are
# restarts). "Ready" is the first 200 from GET /api/v1/health, timed from the launch of
# bin/karaf. Idle RSS is the java process's resident set 20 s after ready, with no
# traffic. Profiles: "kato" is the shipped bin/setenv; "karaf-default" is the same
# distribution with Karaf's own JVM defaults (128 MB min / 512 MB max heap, no extra
# flags), the peer measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
idle=${KATO_BENCH_IDLE_SECONDS:-20}
tarball=$(ls karaf-assembly/target/kato-karaf-assembly-*.tar.gz)
port=${KATO_BENCH_PORT:-18181}

measure() { # profile
  local profile=$1 work home
  work=$(mktemp -d)
  tar xzf "$tarball" -C "$work"
  home=$(ls -d "$work"/*/)
  sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" "$home/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort = .*/sshPort = $((port + 1))/" "$home/etc/org.apache.karaf.shell.cfg"
  for run in $(seq 1 "$runs"); do
    local start pid ready rss
    start=$(date +%s%N)
    if [ "$profile" = karaf-default ]; then
      JAVA_MIN_MEM=128M JAVA_MAX_MEM=512M EXTRA_JAVA_OPTS=" " KATO_BOOTSTRAP_TOKEN=bench-token-0123456789abcdef \
        "$home/bin/karaf" daemon >/dev/null 2>&1 &
    else
      KATO_BOOTSTRAP_TOKEN=bench-token-0123456789abcdef "$home/bin/karaf" daemon >/dev/null 2>&1 &
    fi
    pid=$!
    until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do
      kill -0 "$pid" 2>/dev/null || { echo "Kato exited during start" >&2; exit 1; }
      sleep 0.02
    done
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep "$idle"
    # 'bin/karaf daemon' execs java, so $pid is the JVM itself.
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    printf '%-14s run %d  ready %6d ms  idle RSS %4d MB\n' "$profile" "$run" "$ready" "$rss"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}

echo "$(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GB, $(java -version 2>&1 | head -1)"
measure kato
measure karaf-default
