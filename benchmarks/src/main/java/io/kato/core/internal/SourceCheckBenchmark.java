package io.kato.core.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Times what a source check does after the fetch — one index walk, every shipped
 * detector, the language breakdown — on a tree, against {@code find TREE -type f} on the
 * same tree in the same run. Lives in the core's package to reach its package-private
 * index; run it through {@code scripts/bench-source-check.sh}.
 */
public final class SourceCheckBenchmark {
    private SourceCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<LanguageDetector> detectors = Detectors.all();
        long[] check = new long[rounds];
        long[] find = new long[rounds];
        int files = 0;
        List<String> languages = List.of();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            FileSourceTree index = FileSourceTree.index(tree, 1_000_000);
            List<String> found = new ArrayList<>();
            for (LanguageDetector d : detectors) {
                Optional<Detection> hit = d.detect(index);
                hit.ifPresent(h -> found.add(h.language()));
            }
            LanguageBreakdown.of(index);
            check[i] = System.nanoTime() - t0;
            files = index.files().size();
            languages = found;

            long t1 = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "find \"$0\" -type f | wc -l", tree.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            find[i] = System.nanoTime() - t1;
        }
        long c = median(check);
        long f = median(find);
        System.out.printf("tree=%s files=%d detectors=%d found=%s%n", tree.getFileName(), files, detectors.size(),
                languages);
        System.out.printf("source check (index+detect+breakdown): median %.1f ms; find -type f: median %.1f ms;"
                + " ratio %.2f (%d rounds, first discarded from neither)%n", c / 1e6, f / 1e6, (double) c / f, rounds);
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** The shipped detectors, instantiated the way DS would (public no-arg constructors). */
    static final class Detectors {
        static List<LanguageDetector> all() throws Exception {
            List<LanguageDetector> out = new ArrayList<>();
            String[] classes = System.getProperty("kato.detectors", "").split(",");
            for (String name : classes) {
                if (!name.isBlank()) {
                    out.add((LanguageDetector) Class.forName(name.strip()).getDeclaredConstructor().newInstance());
                }
            }
            ServiceLoader.load(LanguageDetector.class).forEach(out::add);
            return out;
        }
    }

}
