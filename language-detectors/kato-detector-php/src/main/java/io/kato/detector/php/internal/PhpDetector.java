package io.kato.detector.php.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.json.JsonFiles;
import java.util.Iterator;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Detects PHP from a root {@code composer.json} or {@code index.php}.
 *
 * <ul>
 *   <li>Version: {@code php} is the {@code require.php} constraint of composer.json, else
 *       {@code config.platform.php}; none is worth an INFO.</li>
 *   <li>Build: {@code composer install --no-dev ...} when there is a composer.json, else none.
 *       Dependencies without a committed {@code composer.lock} are a WARNING: every build
 *       would resolve versions anew.</li>
 *   <li>Start: a Procfile {@code web:} line; Laravel's {@code artisan serve}; otherwise PHP's
 *       built-in server on the document root ({@code public/}, {@code web/} or the root).</li>
 *   <li>Port 8080, the usual unprivileged choice of PHP images.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + PhpDetector.ID, "service.ranking:Integer=80"})
public class PhpDetector implements LanguageDetector {
    static final String ID = "php";
    static final int PORT = 8080;
    static final String COMPOSER = "composer.json";

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "PHP";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists(COMPOSER) && !tree.exists("index.php")) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        if (tree.exists(COMPOSER)) {
            findings.build("composer install --no-dev --optimize-autoloader --no-interaction --prefer-dist");
            JsonFiles.readObject(tree, COMPOSER, findings).ifPresent(composer -> readComposer(tree, composer, findings));
        }
        if (!findings.hasVersion("php")) {
            findings.info("No PHP version required; the platform's default PHP is used",
                    "Require one in composer.json, e.g. \"require\": {\"php\": \"^8.2\"}", COMPOSER);
        }
        findings.start(Procfile.startCommand(tree, findings).orElseGet(() -> defaultStart(tree)));
        return Optional.of(findings.toDetection());
    }

    private static void readComposer(SourceTree tree, JsonNode composer, Findings findings) {
        JsonFiles.text(composer, "/require/php").ifPresent(v -> findings.version("php", v));
        JsonFiles.text(composer, "/config/platform/php").ifPresent(v -> findings.version("php", v));
        if (hasPackages(composer.path("require")) && !tree.exists("composer.lock")) {
            findings.warning("composer.json requires packages but composer.lock is not committed",
                    "Run 'composer update --lock' and commit composer.lock so builds install the same versions",
                    COMPOSER);
        }
    }

    /** Requirements other than PHP itself and its extensions, which composer.lock would pin. */
    private static boolean hasPackages(JsonNode require) {
        for (Iterator<String> names = require.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("php") && !name.startsWith("ext-") && !name.startsWith("lib-")) {
                return true;
            }
        }
        return false;
    }

    private static String defaultStart(SourceTree tree) {
        if (tree.exists("artisan")) {
            return "php artisan serve --host=0.0.0.0 --port=" + PORT;
        }
        String docroot = tree.exists("public/index.php") ? "public" : tree.exists("web/index.php") ? "web" : ".";
        return "php -S 0.0.0.0:" + PORT + " -t " + docroot;
    }
}
