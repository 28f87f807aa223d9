package io.kato.detector.ruby.internal;

import io.kato.api.detect.Detection;
import io.kato.api.detect.LanguageDetector;
import io.kato.api.detect.SourceTree;
import io.kato.detector.support.Findings;
import io.kato.detector.support.Procfile;
import io.kato.detector.support.Texts;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Detects Ruby from a root {@code Gemfile}.
 *
 * <ul>
 *   <li>Version {@code ruby}: the Gemfile's {@code ruby} line, {@code .ruby-version}, then
 *       the {@code RUBY VERSION} of Gemfile.lock; none is an INFO. {@code bundler} from the
 *       lock's {@code BUNDLED WITH}.</li>
 *   <li>Build: {@code bundle install} without development and test gems, plus asset
 *       precompilation for Rails. No committed Gemfile.lock is a WARNING.</li>
 *   <li>Start: Procfile {@code web:}; Rails {@code rails server}; Rack {@code rackup} on
 *       {@code config.ru}; otherwise a WARNING. Port 3000, the Rails and Puma default.</li>
 * </ul>
 */
@Component(property = {LanguageDetector.LANGUAGE_PROPERTY + "=" + RubyDetector.ID, "service.ranking:Integer=50"})
public class RubyDetector implements LanguageDetector {
    static final String ID = "ruby";
    static final int PORT = 3000;
    static final String GEMFILE = "Gemfile";
    static final String LOCK = "Gemfile.lock";
    private static final Pattern GEMFILE_RUBY = Pattern.compile("(?m)^\\s*ruby\\s*\\(?\\s*[\"']([^\"']+)[\"']");
    private static final Pattern LOCK_RUBY = Pattern.compile("RUBY VERSION\\s+ruby (\\d+(?:\\.\\d+)*)");
    private static final Pattern LOCK_BUNDLER = Pattern.compile("BUNDLED WITH\\s+(\\d+(?:\\.\\d+)*)");
    private static final Pattern RAILS = Pattern.compile("(?m)^\\s*gem\\s+[\"']rails[\"']");

    @Override
    public String language() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Ruby";
    }

    @Override
    public Optional<Detection> detect(SourceTree tree) {
        if (!tree.exists(GEMFILE)) {
            return Optional.empty();
        }
        Findings findings = new Findings(ID).port(PORT);
        String gemfile = Texts.read(tree, GEMFILE).orElse("");
        String lock = Texts.read(tree, LOCK).orElse("");
        Texts.find(GEMFILE_RUBY, gemfile).map(v -> v.replaceFirst("^ruby-", ""))
                .ifPresent(v -> findings.version("ruby", v));
        Texts.firstLine(tree, ".ruby-version").map(v -> v.replaceFirst("^ruby-", ""))
                .ifPresent(v -> findings.version("ruby", v));
        Texts.find(LOCK_RUBY, lock).ifPresent(v -> findings.version("ruby", v));
        Texts.find(LOCK_BUNDLER, lock).ifPresent(v -> findings.version("bundler", v));
        if (!findings.hasVersion("ruby")) {
            findings.info("No Ruby version pinned; the platform's default Ruby is used",
                    "Add a 'ruby \"3.3.0\"' line to the Gemfile, or a .ruby-version file", GEMFILE);
        }
        if (!tree.exists(LOCK)) {
            findings.warning("Gemfile.lock is not committed, so every build resolves gems anew",
                    "Run 'bundle lock' and commit Gemfile.lock", LOCK);
        }
        boolean rails = tree.exists("config/application.rb") || RAILS.matcher(gemfile).find();
        String install = "bundle config set --local without 'development test' && bundle install";
        // the index holds files only, so a folder is present when a file lies under it
        boolean assets = !tree.find(f -> f.path().startsWith("app/assets/")).isEmpty();
        findings.build(rails && assets ? install + " && bundle exec rails assets:precompile"
                : install);
        Optional<String> procfile = Procfile.startCommand(tree, findings);
        String start = rails ? "bundle exec rails server -b 0.0.0.0 -p " + PORT
                : tree.exists("config.ru") ? "bundle exec rackup -o 0.0.0.0 -p " + PORT : null;
        findings.start(procfile.orElse(start));
        if (!findings.hasStart()) {
            findings.warning("No start command: neither Rails nor a config.ru was found",
                    "Add a Procfile with a 'web:' line, e.g. 'web: bundle exec ruby app.rb'", "Procfile");
        }
        return Optional.of(findings.toDetection());
    }
}
