#!/usr/bin/env bash
# Source check time after the fetch (one index walk + every shipped detector + the
# language breakdown) against `find -type f` on the same tree, and the language
# breakdown against linguist-js (npm, --offline) on the same tree, in one run.
#
#   scripts/bench-source-check.sh [ROUNDS]      (needs the JDK; linguist-js via npm)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
./mvnw -B -q -DskipTests install -pl benchmarks -am
cpfile=$(mktemp)
./mvnw -B -q dependency:build-classpath -pl benchmarks -Dmdep.outputFile="$cpfile" >/dev/null
cp="benchmarks/target/classes:$(cat "$cpfile")"
detectors=$(grep -rl "implements LanguageDetector" language-detectors/*/src/main/java \
  | sed 's#.*/src/main/java/##; s#\.java$##; s#/#.#g' | paste -sd, -)
work=$(mktemp -d)
trap 'rm -rf "$work" "$cpfile"' EXIT

linguist=""
if command -v npm >/dev/null 2>&1; then
  npm install --silent --prefix "$work/linguist" linguist-js@3 >/dev/null 2>&1 && \
    linguist="$work/linguist/node_modules/.bin/linguist-js"
fi

echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
for n in 1000 100000; do
  tree="$work/tree-$n"
  java -cp "$cp" io.kato.core.internal.TreeGenerator "$tree" "$n"
  java -Dkato.detectors="$detectors" -cp "$cp" io.kato.core.internal.SourceCheckBenchmark "$tree" "$rounds"
  if [ -n "$linguist" ]; then
    # Breakdown alone, Kato against linguist-js; best of 3 each.
    kato_ms=$(java -cp "$cp" io.kato.core.internal.BreakdownBenchmark "$tree" 3)
    # linguist-js takes minutes on the large tree: one run there, best of three on the small one.
    tries=3; [ "$n" -gt 10000 ] && tries=1
    best=""
    for i in $(seq 1 "$tries"); do
      s=$(date +%s%N)
      "$linguist" --analyse "$tree" --offline > "$work/linguist.out" 2>&1
      e=$(( ($(date +%s%N) - s) / 1000000 ))
      if [ -z "$best" ] || [ "$e" -lt "$best" ]; then best=$e; fi
    done
    grep -q "Analysed" "$work/linguist.out" || { echo "linguist-js did not analyse the tree:"; cat "$work/linguist.out"; }
    echo "breakdown: kato ${kato_ms} ms (index + breakdown, in-process); linguist-js --analyse --offline ${best} ms" \
      "(process incl. node start); kato is $(( best / (kato_ms > 0 ? kato_ms : 1) ))x faster"
  fi
done
