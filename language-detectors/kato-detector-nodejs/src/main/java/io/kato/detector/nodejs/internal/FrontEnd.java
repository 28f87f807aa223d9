package io.kato.detector.nodejs.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises a front-end project whose build output is static files ("Node static"): it has a
 * {@code build} script, uses a known front-end toolchain, and has no start script other than
 * that toolchain's development server. A server framework (Next.js with {@code next start},
 * Express…) keeps its start script and stays plain Node.js.
 *
 * @param framework the toolchain's package name
 * @param outputDir where its build writes the site
 */
record FrontEnd(String framework, String outputDir) {
    /** Checked in order: the build tool comes before the UI library it builds. */
    private static final List<FrontEnd> KNOWN = List.of(
            new FrontEnd("vite", "dist"),
            new FrontEnd("react-scripts", "build"),
            new FrontEnd("@angular/cli", "dist"),
            new FrontEnd("@vue/cli-service", "dist"),
            new FrontEnd("gatsby", "public"),
            new FrontEnd("parcel", "dist"));
    private static final Pattern DEV_SERVER = Pattern.compile(
            "react-scripts start|vue-cli-service serve|ng serve|gatsby develop|webpack(?:-dev-server| serve)"
                    + "|(?:^|[\\s&;])(?:vite|parcel)(?:\\s|$)");
    private static final Pattern NEXT_EXPORT = Pattern.compile("next export|next build.*&&.*out");

    static Optional<FrontEnd> of(PackageJson pkg) {
        Optional<String> build = pkg.script("build");
        if (build.isEmpty()) {
            return Optional.empty();
        }
        boolean devOnlyStart = pkg.script("start").map(s -> DEV_SERVER.matcher(s).find()).orElse(true);
        if (!devOnlyStart) {
            return Optional.empty();
        }
        if (pkg.dependencies().contains("next")) {
            // Next.js is a server unless the build exports a static site
            return NEXT_EXPORT.matcher(build.get()).find() ? Optional.of(new FrontEnd("next", "out")) : Optional.empty();
        }
        return KNOWN.stream().filter(f -> pkg.dependencies().contains(f.framework())).findFirst();
    }
}
