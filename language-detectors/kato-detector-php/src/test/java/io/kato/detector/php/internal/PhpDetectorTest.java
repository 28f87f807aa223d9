package io.kato.detector.php.internal;

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

class PhpDetectorTest {
    private final PhpDetector detector = new PhpDetector();

    private Detection detect(Map<String, String> files) {
        return detector.detect(MemorySourceTree.of(files)).orElseThrow();
    }

    private static List<Problem.Severity> severities(Detection detection) {
        return detection.problems().stream().map(Problem::severity).toList();
    }

    @Test
    void composerProjectPinsPhpAndServesItsPublicFolder() {
        Detection detection = detect(Map.of("composer.json", """
                {"require": {"php": "^8.2", "ext-json": "*", "slim/slim": "^4.12"}}
                """, "composer.lock", "{}", "public/index.php", "<?php"));
        assertEquals("php", detection.language());
        assertEquals(Map.of("php", "^8.2"), detection.versions());
        assertEquals("composer install --no-dev --optimize-autoloader --no-interaction --prefer-dist",
                detection.buildCommand());
        assertEquals("php -S 0.0.0.0:8080 -t public", detection.startCommand());
        assertEquals(List.of(8080), detection.ports());
        assertTrue(detection.problems().isEmpty(), detection.problems().toString());
    }

    @Test
    void laravelStartsWithArtisan() {
        Detection detection = detect(Map.of("composer.json", "{\"require\": {\"php\": \">=8.1\"}}",
                "artisan", "#!/usr/bin/env php", "public/index.php", "<?php"));
        assertEquals("php artisan serve --host=0.0.0.0 --port=8080", detection.startCommand());
    }

    @Test
    void platformPhpPinsWhenRequireDoesNot() {
        Detection detection = detect(Map.of("composer.json", "{\"config\": {\"platform\": {\"php\": \"8.3.4\"}}}"));
        assertEquals("8.3.4", detection.versions().get("php"));
    }

    @Test
    void packagesWithoutComposerLockAreAWarning() {
        Detection detection = detect(Map.of("composer.json", "{\"require\": {\"php\": \"^8.2\", \"monolog/monolog\": \"^3\"}}"));
        assertEquals(List.of(Problem.Severity.WARNING), severities(detection));
        assertTrue(detection.problems().get(0).hint().contains("composer.lock"));
    }

    @Test
    void malformedComposerJsonIsAnErrorNotAnException() {
        Detection detection = detect(Map.of("composer.json", "{\"require\": {\"php\": \"^8.2\",}}", "index.php", "<?php"));
        assertTrue(severities(detection).contains(Problem.Severity.ERROR), detection.problems().toString());
        Problem error = detection.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR)
                .findFirst().orElseThrow();
        assertEquals("composer.json", error.file());
        assertTrue(error.message().contains("composer.json"));
        assertEquals("php -S 0.0.0.0:8080 -t .", detection.startCommand());
    }

    @Test
    void indexPhpAloneNeedsNoBuildAndReportsTheMissingVersion() {
        Detection detection = detect(Map.of("index.php", "<?php echo 'hi';"));
        assertNull(detection.buildCommand());
        assertEquals("php -S 0.0.0.0:8080 -t .", detection.startCommand());
        assertEquals(List.of(Problem.Severity.INFO), severities(detection));
    }

    @Test
    void procfileWebLineWins() {
        Detection detection = detect(Map.of("index.php", "<?php", "Procfile", "web: heroku-php-apache2 public/\n"));
        assertEquals("heroku-php-apache2 public/", detection.startCommand());
    }

    @Test
    void treeWithoutComposerJsonOrIndexPhpIsNotPhp() {
        assertEquals(Optional.empty(), detector.detect(MemorySourceTree.of(Map.of("src/index.php", "<?php"))));
    }
}
