package io.kato.detector.support.build;

import io.kato.api.build.BuildContext;
import io.kato.api.build.BuildPlan;
import io.kato.api.build.BuildPlanException;
import io.kato.api.build.BuildStrategy;
import io.kato.api.build.ProbeSpec;
import io.kato.api.detect.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strategy most languages share: the check's build command (if any) run in the tree
 * with the package manager's caches in the component's cache folder, the tree as the
 * artifact, the check's start command listening on the instance's {@code PORT}, a TCP
 * readiness probe, and a container recipe on the language's base image. A language bundle
 * extends it with its name, language, port, build env and base image.
 */
public abstract class CommandBuildStrategy implements BuildStrategy {
    /** {@code :8080}, {@code --port 8080}, {@code --port=8080}, {@code -p 8080}: where a start command names its port. */
    private static final String PORT_FORMS = "(:|--port[ =]|-p )";
    private final String name;
    private final String language;
    private final int port;
    private final Map<String, String> env;

    /**
     * @param env build env of every step; values may use {@link BuildPlan.Step#CACHE}
     */
    protected CommandBuildStrategy(String name, String language, int port, Map<String, String> env) {
        this.name = name;
        this.language = language;
        this.port = port;
        this.env = Map.copyOf(env);
    }

    /** The image a cluster build starts from, for this project. */
    protected abstract String baseImage(Detection detection);

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supports(BuildContext context) {
        return context.detection().language().equals(language);
    }

    @Override
    public BuildPlan plan(BuildContext context) {
        Detection detection = context.detection();
        String start = detection.startCommand();
        if (start == null || start.isBlank()) {
            throw new BuildPlanException("No start command was found for this " + detection.language() + " project:"
                    + " add a Procfile with a 'web:' line (or set startCommand in the Katofile)");
        }
        String build = detection.buildCommand();
        List<BuildPlan.Step> steps = new ArrayList<>();
        List<String> recipe = new ArrayList<>(List.of("COPY . /app", "WORKDIR /app"));
        if (build != null && !build.isBlank()) {
            steps.add(new BuildPlan.Step("build", List.of("sh", "-c", build), env, "."));
            recipe.add("RUN " + build);
        }
        int listens = detection.ports().isEmpty() ? port : detection.ports().get(0);
        recipe.add("CMD " + start);
        return new BuildPlan(name, steps, ".", List.of("sh", "-c", "exec " + onPort(start, listens)),
                List.of(new ProbeSpec(ProbeSpec.Purpose.READINESS, ProbeSpec.Kind.TCP, listens, null, 0, 5, 2, 1, 3)),
                new BuildPlan.ContainerRecipe(baseImage(detection), recipe));
    }

    /** The detected version of a tool or runtime, as an image tag wants it ({@code ^8.2} → {@code 8.2}). */
    protected static String version(Detection detection, String key, String fallback) {
        String v = detection.versions().getOrDefault(key, fallback).replaceAll("^[^0-9]+", "")
                .replaceAll("[^0-9.].*$", "");
        return v.isEmpty() ? fallback : v;
    }

    /**
     * The start command listening where the runtime says: a fixed port in it becomes
     * {@code ${PORT:-<port>}}, so that instances on one machine do not take the same port
     * and a container without PORT keeps the detected one.
     */
    public static String onPort(String start, int port) {
        Matcher m = Pattern.compile(PORT_FORMS + port + "(?![0-9])").matcher(start);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "${PORT:-" + port + "}"));
    }
}
