package io.kato.itest.detector;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * A detector for a made-up language, recognised by an {@code itest.marker} file. It exists
 * so that integration tests can drop a detector bundle into a running server.
 */
@Component(property = LanguageDetector.LANGUAGE_PROPERTY + "=itest-lang")
public class MarkerDetector implements LanguageDetector {
    @Override
    public String language() {
        return "itest-lang";
    }

    @Override
    public String displayName() {
        return "Integration-test language";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists("itest.marker")) {
            return Optional.empty();
        }
        return Optional.of(new Detection(language(), Map.of(), null, "./run", List.of(8080), Map.of(), List.of(),
                List.of()));
    }
}
