package io.kato.api.model;

import io.kato.api.detect.Detection;
import io.kato.api.detect.Problem;
import java.util.List;

/**
 * What a source check found.
 *
 * @param revision   the fetched commit or revision
 * @param ref        the branch or tag it was resolved from
 * @param languages  every detector that matched, the primary one first
 * @param breakdown  files and bytes per language, largest first, for display
 * @param problems   problems that belong to no one language (Katofile, an empty tree…)
 * @param files      how many files were indexed
 * @param truncated  whether the tree had more files than the index holds
 */
public record SourceReport(String revision, String ref, List<Detection> languages, List<LanguageShare> breakdown,
                           List<Problem> problems, long files, boolean truncated) {
    public SourceReport {
        languages = List.copyOf(languages);
        breakdown = List.copyOf(breakdown);
        problems = List.copyOf(problems);
    }

    /** One language's share of a tree. */
    public record LanguageShare(String language, long files, long bytes) {
    }
}
