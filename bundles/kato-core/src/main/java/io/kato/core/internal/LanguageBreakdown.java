package io.kato.core.internal;

import io.kato.api.detect.SourceTree;
import io.kato.api.model.SourceReport.LanguageShare;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files and bytes per language, by file extension, for display beside the detection: a
 * single pass over the index, no file is opened.
 */
final class LanguageBreakdown {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", "Java"), Map.entry("kt", "Kotlin"), Map.entry("groovy", "Groovy"),
            Map.entry("scala", "Scala"), Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"),
            Map.entry("cjs", "JavaScript"), Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"),
            Map.entry("tsx", "TypeScript"), Map.entry("vue", "Vue"), Map.entry("py", "Python"),
            Map.entry("php", "PHP"), Map.entry("go", "Go"), Map.entry("rb", "Ruby"), Map.entry("cs", "C#"),
            Map.entry("fs", "F#"), Map.entry("vb", "Visual Basic"), Map.entry("html", "HTML"),
            Map.entry("htm", "HTML"), Map.entry("css", "CSS"), Map.entry("scss", "SCSS"), Map.entry("less", "Less"),
            Map.entry("c", "C"), Map.entry("h", "C"), Map.entry("cpp", "C++"), Map.entry("cc", "C++"),
            Map.entry("hpp", "C++"), Map.entry("rs", "Rust"), Map.entry("swift", "Swift"), Map.entry("sh", "Shell"),
            Map.entry("sql", "SQL"), Map.entry("xml", "XML"), Map.entry("json", "JSON"), Map.entry("yml", "YAML"),
            Map.entry("yaml", "YAML"), Map.entry("md", "Markdown"), Map.entry("dart", "Dart"),
            Map.entry("ex", "Elixir"), Map.entry("exs", "Elixir"), Map.entry("erl", "Erlang"), Map.entry("lua", "Lua"),
            Map.entry("pl", "Perl"), Map.entry("r", "R"), Map.entry("clj", "Clojure"));
    private static final Map<String, String> BY_NAME = Map.of("Dockerfile", "Dockerfile", "Makefile", "Makefile");

    private LanguageBreakdown() {
    }

    static List<LanguageShare> of(SourceTree tree) {
        Map<String, long[]> totals = new HashMap<>();
        for (SourceTree.SourceFile f : tree.files()) {
            String language = languageOf(f.fileName());
            if (language != null) {
                long[] t = totals.computeIfAbsent(language, k -> new long[2]);
                t[0]++;
                t[1] += f.size();
            }
        }
        return totals.entrySet().stream()
                .map(e -> new LanguageShare(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(LanguageShare::bytes).reversed().thenComparing(LanguageShare::language))
                .toList();
    }

    static String languageOf(String fileName) {
        String byName = BY_NAME.get(fileName);
        if (byName != null) {
            return byName;
        }
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? null : BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
