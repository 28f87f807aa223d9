package io.kato.core.internal;

import java.nio.file.Path;

/**
 * The language breakdown alone (one index walk plus the per-extension count), best of N,
 * printed in whole milliseconds for the script that compares it with linguist-js. The
 * JVM's start is not counted; the comparison line in the script says that it is for node.
 */
public final class BreakdownBenchmark {
    private BreakdownBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            LanguageBreakdown.of(FileSourceTree.index(tree, 1_000_000));
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.println(best / 1_000_000);
    }
}
