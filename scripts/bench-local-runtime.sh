#!/usr/bin/env bash
# The local runtime's figures, each against its peer in the same run: gateway throughput
# and latency against nginx proxy_pass to the same backend; a build's overhead against
# running the raw toolchain command; the time from the start operation to the first 200
# through the gateway.
#
#   ./mvnw -B -DskipTests install && scripts/bench-local-runtime.sh [RUNS] [SECONDS]
#
# Unpacks a fresh distribution, starts it, and takes a static site from a local git
# repository through source check, build and start (the real path a user takes). Its
# instance (Kato's in-process file server) is the one backend; then, alternating, RUNS
# times each for SECONDS:
#   gateway  wrk -> Kato's gateway (Host: the default domain) -> instance
#   plugins  the same through a second component of the same site with the default plugins
#            perf-analyze (every request measured) and net-governance (a deny list to check)
#   nginx    wrk -> nginx proxy_pass (keep-alive upstream) -> the same instance
#   direct   wrk -> the instance itself (what both add to)
# wrk: 2 threads, 50 connections, --latency. Needs wrk and nginx (Debian packages;
# installed when run as root and missing).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
seconds=${2:-10}
port=${KATO_BENCH_PORT:-18181}
gw=${KATO_BENCH_GATEWAY_PORT:-18880}
nginx_port=${KATO_BENCH_NGINX_PORT:-18890}
token=bench-token-0123456789abcdef
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light >/dev/null
  else
    echo "needs wrk and nginx (apt-get install wrk nginx-light)" >&2; exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
tarball=$(ls karaf-assembly/target/kato-karaf-assembly-*.tar.gz)
work=$(mktemp -d)
tar xzf "$tarball" -C "$work"
home=$(ls -d "$work"/*/)
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" "$home/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort = .*/sshPort = $((port + 1))/" "$home/etc/org.apache.karaf.shell.cfg"
cat > "$home/etc/io.kato.gateway.cfg" <<CFG
httpPort = $gw
publicPort = $gw
CFG
cat > "$home/etc/io.kato.source.cfg" <<CFG
allowFileUrls = true
CFG
KATO_BOOTSTRAP_TOKEN=$token "$home/bin/karaf" daemon >/dev/null 2>&1 &
kato=$!
nginx_dir=$(mktemp -d)
cleanup() {
  kill "$kato" 2>/dev/null || true
  [ -f "$nginx_dir/nginx.pid" ] && kill "$(cat "$nginx_dir/nginx.pid")" 2>/dev/null || true
  wait "$kato" 2>/dev/null || true
  rm -rf "$work" "$nginx_dir"
}
trap cleanup EXIT
api() { # method path [body]
  curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "http://127.0.0.1:$port/api/v1$2"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
succeeded() { # path: waits up to 5 minutes for status succeeded
  local status
  for _ in $(seq 1 1500); do
    status=$(api GET "$1" | field "['status']")
    [ "$status" = succeeded ] && return 0
    [ "$status" = failed ] && { api GET "$1" >&2; exit 1; }
    sleep 0.2
  done
  echo "timed out waiting for $1" >&2; exit 1
}
until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.2; done
# a page of 4 KB, a typical small response
repo=$(mktemp -d -p "$work")
python3 -c "print('<h1>bench</h1>' + 'x' * 4080)" > "$repo/index.html"
git -C "$repo" init -q -b main && git -C "$repo" add . \
  && git -C "$repo" -c user.name=b -c user.email=b@example.org commit -qm site
api POST /teams '{"name":"bench"}' >/dev/null
api POST /teams/bench/apps '{"name":"web"}' >/dev/null
check=$(api POST /teams/bench/source-checks "{\"url\":\"file://$repo\"}" | field "['id']")
succeeded "/teams/bench/source-checks/$check"
api POST /teams/bench/components "{\"name\":\"site\",\"app\":\"web\",\"fromCheck\":\"$check\",\"ports\":[{\"port\":80,\"outer\":true}]}" >/dev/null
build=$(api POST /teams/bench/components/site/build | field "['id']")
succeeded "/teams/bench/components/site/builds/$build"
host=site-bench.localhost
start=$(date +%s%N)
api POST /teams/bench/components/site/start >/dev/null
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$gw/")" = 200 ]; do sleep 0.01; done
echo "start operation -> first 200 through the gateway: $(( ($(date +%s%N) - start) / 1000000 )) ms"
backend=$(api GET /teams/bench/components/site | field "['runningInstances'][0]['address']")
# the same site again, with the gateway's plugins: measured, and its clients checked against a deny list
api POST /teams/bench/components "{\"name\":\"metered\",\"app\":\"web\",\"fromCheck\":\"$check\",\"ports\":[{\"port\":80,\"outer\":true}]}" >/dev/null
for plugin in perf-analyze net-governance; do
  api POST "/teams/bench/default-plugins/$plugin" >/dev/null
  succeeded "/teams/bench/plugins/$plugin/versions/1"
done
api PUT /teams/bench/components/metered/plugins/perf-analyze '{}' >/dev/null
api PUT /teams/bench/components/metered/plugins/net-governance '{"values":{"DENY":"192.0.2.0/24, 198.51.100.0/24"}}' >/dev/null
build=$(api POST /teams/bench/components/metered/build | field "['id']")
succeeded "/teams/bench/components/metered/builds/$build"
api POST /teams/bench/components/metered/start >/dev/null
metered=metered-bench.localhost
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $metered" "http://127.0.0.1:$gw/")" = 200 ]; do sleep 0.05; done

# Build overhead: a Node.js build (npm ci, then a build script that waits 2 s: a script that
# burns CPU instead measures the machine's speed of the moment more than Kato's overhead),
# through Kato (fetch, plan, steps, artifact stored) and as the raw command in a clone.
node_repo=$(mktemp -d -p "$work")
cat > "$node_repo/package.json" <<'JSON'
{"name":"bench","version":"1.0.0","scripts":{"build":"node -e \"setTimeout(()=>{},2000)\"","start":"node -e 1"}}
JSON
echo '{"name":"bench","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"bench","version":"1.0.0"}}}' \
  > "$node_repo/package-lock.json"
git -C "$node_repo" init -q -b main && git -C "$node_repo" add . \
  && git -C "$node_repo" -c user.name=b -c user.email=b@example.org commit -qm app
check=$(api POST /teams/bench/source-checks "{\"url\":\"file://$node_repo\"}" | field "['id']")
succeeded "/teams/bench/source-checks/$check"
api POST /teams/bench/components "{\"name\":\"node\",\"app\":\"web\",\"fromCheck\":\"$check\"}" >/dev/null
raw_command=$(api GET "/teams/bench/source-checks/$check" | field "['report']['languages'][0]['buildCommand']")
for run in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  build=$(api POST /teams/bench/components/node/build | field "['id']")
  until [ "$(api GET "/teams/bench/components/node/builds/$build" | field "['status']")" != queued ] \
     && [ "$(api GET "/teams/bench/components/node/builds/$build" | field "['status']")" != running ]; do sleep 0.05; done
  kato_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  server_ms=$(api GET "/teams/bench/components/node/builds/$build" | python3 -c "import json,sys
from datetime import datetime
b = json.load(sys.stdin)
t = lambda s: datetime.fromisoformat(s.replace('Z', '+00:00'))
print(int((t(b['finishedAt']) - t(b['createdAt'])).total_seconds() * 1000))")
  clone=$(mktemp -d -p "$work")
  git clone -q "$node_repo" "$clone/src"
  t0=$(date +%s%N)
  (cd "$clone/src" && npm_config_cache="$clone/cache" sh -c "$raw_command" >/dev/null 2>&1)
  raw_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf 'build run %d: kato %6d ms (queued to ended, by the server: %6d ms)  raw "%s" %6d ms  overhead %5d ms (%s %%)\n' \
    "$run" "$kato_ms" "$server_ms" "$raw_command" "$raw_ms" $((server_ms - raw_ms)) "$(( (server_ms - raw_ms) * 100 / raw_ms ))"
done
cat > "$nginx_dir/nginx.conf" <<CONF
worker_processes 1;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream backend { server $backend; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
"$nginx_bin" -c "$nginx_dir/nginx.conf" -p "$nginx_dir"
load() { # name url [host]
  local out rps p99
  out=$(wrk -t2 -c50 -d"${seconds}s" --latency -H "Host: ${3:-$host}" "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  printf '%-8s %10s req/s  p99 %8s\n' "$1" "$rps" "$p99"
}
# warm-up of every path (JIT, connection pools)
for url in "http://127.0.0.1:$gw/" "http://127.0.0.1:$nginx_port/" "http://$backend/"; do
  wrk -t2 -c50 -d10s -H "Host: $host" "$url" >/dev/null
done
wrk -t2 -c50 -d10s -H "Host: $metered" "http://127.0.0.1:$gw/" >/dev/null
for run in $(seq 1 "$runs"); do
  echo "run $run"
  load gateway "http://127.0.0.1:$gw/"
  load plugins "http://127.0.0.1:$gw/" "$metered"
  load nginx "http://127.0.0.1:$nginx_port/"
  load direct "http://$backend/"
done
echo "perf-analyze counted for metered: $(api GET /teams/bench/components/metered/performance \
  | field "['requests']") requests, last minute $(api GET /teams/bench/components/metered/performance \
  | field "['lastMinute']['throughputPerSecond']") req/s"
