package io.kato.api.service;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The language detectors registered right now, as bundles come and go. */
@ProviderType
public interface LanguageRegistry {
    /** Detectors ordered by the selection rule of {@link io.kato.api.detect.LanguageDetector}. */
    List<LanguageInfo> languages();

    /**
     * One registered detector.
     *
     * @param name        the detector's language id
     * @param displayName for people
     * @param ranking     its service ranking
     * @param bundle      the symbolic name of the bundle that provides it
     * @param variants    other ids it may report ({@link io.kato.api.detect.LanguageDetector#variants()})
     */
    record LanguageInfo(String name, String displayName, int ranking, String bundle, List<String> variants) {
        public LanguageInfo {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }

        /** A detector without variants. */
        public LanguageInfo(String name, String displayName, int ranking, String bundle) {
            this(name, displayName, ranking, bundle, List.of());
        }
    }
}
