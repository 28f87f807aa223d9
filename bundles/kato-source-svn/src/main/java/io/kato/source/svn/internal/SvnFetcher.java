package io.kato.source.svn.internal;

import io.kato.api.ValidationException;
import io.kato.api.source.Addresses;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetchException;
import io.kato.api.source.SourceFetcher;
import io.kato.api.source.SourceLocation;
import io.kato.api.source.TreeLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * Fetches Subversion repositories with the host's {@code svn} client, non-interactively,
 * with a private configuration folder and no credential cache; the password goes through
 * standard input, never the command line. The ref is a path under the repository root
 * ({@code trunk} by default, {@code branches/x}, {@code tags/v1}), optionally followed by
 * {@code @REV} for a revision. SVNKit was not used: its dependencies (trilead-ssh2, JNA,
 * sqljet, antlr) have not been proven in this OSGi runtime, and the CLI is the reference
 * client.
 */
@Component
public class SvnFetcher implements SourceFetcher {
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/-]+(@[0-9]+)?");

    @Override
    public String kind() {
        return "svn";
    }

    @Override
    public void validate(SourceLocation location, FetchLimits limits) {
        String scheme = scheme(location.url());
        if (scheme.equals("file") && !limits.allowFileUrls()) {
            throw ValidationException.of("url", "local repositories are disabled: an admin can enable them with"
                    + " allowFileUrls in etc/io.kato.source.cfg");
        }
        if (!List.of("svn", "http", "https", "file").contains(scheme)) {
            throw ValidationException.of("url", "svn cannot fetch '" + scheme + "' URLs: use svn, http or https");
        }
        if (location.ref() != null && (!REF.matcher(location.ref()).matches() || location.ref().contains(".."))) {
            throw ValidationException.of("ref", "'" + location.ref() + "' is not a path such as trunk, branches/x or"
                    + " tags/v1 (optionally @REVISION)");
        }
    }

    private static String scheme(String url) {
        try {
            String s = new URI(url).getScheme();
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "is not a URL: " + e.getReason());
        }
    }

    @Override
    public FetchResult fetch(SourceLocation location, Credentials credentials, Path target, FetchLimits limits,
                             FetchListener listener) {
        validate(location, limits);
        URI uri = URI.create(location.url());
        if (uri.getHost() != null) {
            Addresses.check(uri.getHost(), limits.allowPrivateNetworks());
        }
        String ref = location.ref() == null ? "trunk" : location.ref();
        String revision = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            revision = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String url = location.url().replaceAll("/+$", "") + "/" + ref;
        SvnClient svn = new SvnClient(target.resolveSibling(target.getFileName() + ".svn-config"), credentials,
                limits.timeout(), location.trustServerCertificate() && location.url().startsWith("https:"));
        try {
            List<String> info = new ArrayList<>(List.of("info", "--xml"));
            if (revision != null) {
                info.addAll(List.of("-r", revision));
            }
            info.add(url);
            String xml = svn.run(info, location.url(), ref);
            List<String> export = new ArrayList<>(List.of("export", "--force"));
            if (revision != null) {
                export.addAll(List.of("-r", revision));
            }
            export.addAll(List.of(url, target.toString()));
            svn.run(export, location.url(), ref);
            listener.progress("Exported " + ref + " at revision " + tag(xml, "commit\\s+revision=\"([0-9]+)\""));
            TreeLimits.check(target, limits);
            String when = tag(xml, "<date>([^<]+)</date>");
            return new FetchResult(tag(xml, "commit\\s+revision=\"([0-9]+)\""), ref, tag(xml, "<author>([^<]*)</author>"),
                    null, when == null ? null : Instant.parse(when));
        } finally {
            svn.cleanUp();
        }
    }

    private static String tag(String xml, String regex) {
        Matcher m = Pattern.compile(regex).matcher(xml);
        return m.find() ? m.group(1) : null;
    }
}
