#!/usr/bin/env bash
# The kubernetes runtime against Fabric8's mock API server: render and apply N components,
# then reconcile passes over the same unchanged components (Kato must write nothing),
# each against the peer in the same run: applying every rendered object again.
#
#   scripts/bench-kubernetes-apply.sh [N] [PASSES]      (needs only the JDK)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
passes=${2:-5}
./mvnw -B -q -DskipTests install -pl benchmarks -am
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
./mvnw -B -q dependency:build-classpath -pl benchmarks -Dmdep.outputFile="$cpfile" >/dev/null
echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "benchmarks/target/classes:$(cat "$cpfile")" \
  io.kato.runtime.kubernetes.internal.ApplyBenchmark "$n" "$passes"
