package io.kato.api.detect;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recognises one language (or packaging) in a source tree. One bundle per language
 * registers one detector as an OSGi service; the core tracks them dynamically.
 *
 * <p><b>Selection rule.</b> The core runs every registered detector on a tree and reports
 * every match. The <em>primary</em> language is the match whose service has the highest
 * {@code service.ranking}; on equal ranking the lower {@code service.id} (the detector
 * registered first) wins. A Katofile language override beats both.
 *
 * <p><b>Threading.</b> {@link #detect} may be called concurrently for different trees
 * and must not keep state between calls. It must not walk the file system: everything
 * it may read is offered by the {@link SourceTree} index, whose reads are bounded.
 * It should return within a second for a large tree.
 *
 * <p><b>Departure.</b> When the bundle stops, the service disappears; checks that already
 * finished keep their reports, running checks complete without it.
 */
@ConsumerType
public interface LanguageDetector {
    /** Service property carrying {@link #language()}, so that tools can filter without calling it. */
    String LANGUAGE_PROPERTY = "kato.language";

    /** Stable id of the language, lower case ({@code java-maven}, {@code nodejs}). */
    String language();

    /** Name for people ({@code Java (Maven)}). */
    default String displayName() {
        return language();
    }

    /**
     * Other language ids this detector may report in {@link Detection#language()} besides
     * its own, for variants it tells apart ({@code nodejs} also reports {@code node-static}).
     * Listed with the detector so that users can name them (a Katofile, a component's
     * language).
     */
    default Set<String> variants() {
        return Set.of();
    }

    /**
     * Looks at the tree. Empty when the tree is not of this language; otherwise what was
     * found, including problems with hints. Must not throw for malformed input: a file it
     * cannot parse is a {@link Problem}.
     */
    Optional<Detection> detect(SourceTree tree);
}
