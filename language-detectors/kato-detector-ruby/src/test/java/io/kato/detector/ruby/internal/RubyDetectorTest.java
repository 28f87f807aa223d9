package io.kato.detector.ruby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kato.api.detect.Detection;
import io.kato.api.detect.MemorySourceTree;
import io.kato.api.detect.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RubyDetectorTest {
    private static final String LOCK = """
            GEM
              remote: https://rubygems.org/
              specs:
                rails (7.1.3)

            RUBY VERSION
               ruby 3.2.2p53

            BUNDLED WITH
               2.5.6
            """;
    private final RubyDetector detector = new RubyDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void railsAppPinsRubyPrecompilesAssetsAndServesOnPort3000() {
        Detection detection = detect(Map.of("Gemfile", "source 'https://rubygems.org'\nruby \"3.3.0\"\ngem 'rails', '~> 7.1'\n",
                "Gemfile.lock", LOCK, "config/application.rb", "", "app/assets/config/manifest.js", ""));
        assertEquals("ruby", detection.language());
        assertEquals(Map.of("ruby", "3.3.0", "bundler", "2.5.6"), detection.versions());
        assertEquals("bundle config set --local without 'development test' && bundle install"
                + " && bundle exec rails assets:precompile", detection.buildCommand());
        assertEquals("bundle exec rails server -b 0.0.0.0 -p 3000", detection.startCommand());
        assertEquals(List.of(3000), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void rackAppTakesRubyFromTheLockAndStartsWithRackup() {
        Detection detection = detect(Map.of("Gemfile", "gem 'sinatra'\n", "Gemfile.lock", LOCK, "config.ru", "run App"));
        assertEquals("3.2.2", detection.versions().get("ruby"));
        assertEquals("bundle exec rackup -o 0.0.0.0 -p 3000", detection.startCommand());
    }

    @Test
    void rubyVersionFileWorksWithGemfileReferencingIt() {
        Detection detection = detect(Map.of("Gemfile", "ruby file: \".ruby-version\"\ngem 'rack'\n", "Gemfile.lock", "",
                ".ruby-version", "ruby-3.1.4\n", "config.ru", ""));
        assertEquals("3.1.4", detection.versions().get("ruby"));
    }

    @Test
    void missingLockAndVersionAreReported() {
        Detection detection = detect(Map.of("Gemfile", "gem 'rack'\n", "config.ru", ""));
        assertEquals(List.of(Problem.Severity.INFO, Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(1).hint().contains("Gemfile.lock"));
    }

    @Test
    void withoutRailsRackOrProcfileThereIsNoStartCommand() {
        Detection detection = detect(Map.of("Gemfile", "ruby '3.3.0'\n", "Gemfile.lock", LOCK, "main.rb", ""));
        assertNull(detection.startCommand());
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        Detection procfile = detect(Map.of("Gemfile", "ruby '3.3.0'\n", "Gemfile.lock", LOCK,
                "Procfile", "web: bundle exec ruby main.rb -p $PORT\n"));
        assertEquals("bundle exec ruby main.rb -p $PORT", procfile.startCommand());
        assertTrue(procfile.problems().isEmpty());
    }

    @Test
    void treeWithoutGemfileIsNotRuby() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("app.rb", "", "Gemfile.lock", LOCK))));
    }
}
