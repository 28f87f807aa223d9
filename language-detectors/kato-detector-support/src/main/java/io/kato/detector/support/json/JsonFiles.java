package io.kato.detector.support.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kato.api.detect.Problem;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Texts;
import java.util.Optional;

/**
 * Reads JSON manifests ({@code package.json}, {@code composer.json}, {@code global.json})
 * without ever throwing: a file that is not valid JSON becomes an ERROR problem naming the
 * file and line, because detectors must report broken input rather than fail the check.
 */
public final class JsonFiles {
    /** Thread-safe once configured, and costly to build, hence shared. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // "{} garbage" is a broken manifest too, not a valid one followed by noise
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFiles() {
    }

    /**
     * The file's root node, or empty when it is missing, too large, not JSON, or not an object
     * (each but the first reported on {@code findings}).
     */
    public static Optional<JsonNode> readObject(SourceTree tree, String path, Findings findings) {
        Optional<String> text = Texts.whole(tree, path, findings);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode root = MAPPER.readTree(text.get());
            if (root == null || !root.isObject()) {
                findings.error(path + " is not a JSON object", "Make " + path + " a JSON object: { ... }", path);
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            findings.problem(new Problem(Problem.Severity.ERROR, path + " is not valid JSON: " + e.getOriginalMessage(),
                    "Fix the syntax of " + path + " (a JSON linter or 'jq . " + path + "' shows where)", path,
                    Math.max(line, 0)));
            return Optional.empty();
        }
    }

    /** A text field by JSON pointer ({@code /engines/node}), or empty when absent or not text. */
    public static Optional<String> text(JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
    }
}
