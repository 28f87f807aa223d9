package io.kato.core.internal;

import io.kato.api.ValidationException;
import io.kato.api.service.SourceCheckService.SourceCheckRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks every source request passes before anything is contacted: shapes of URL,
 * ref and sub-directory that could be read as options, reach local files or hide
 * credentials are refused here, whatever the fetcher.
 */
final class SourceRequests {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");

    private SourceRequests() {
    }

    static SourceCheckRequest normalise(SourceCheckRequest r, boolean allowFileUrls) {
        if (r == null) {
            throw ValidationException.of("body", "is required: {\"url\": \"https://host/repo.git\"}");
        }
        String kind = r.kind() == null || r.kind().isBlank() ? "git" : r.kind().strip().toLowerCase(Locale.ROOT);
        String url = r.url() == null ? "" : r.url().strip();
        if (url.isEmpty()) {
            throw ValidationException.of("url", "is required: the repository URL, e.g. https://host/team/repo.git");
        }
        if (url.length() > 2000 || CONTROL.matcher(url).find()) {
            throw ValidationException.of("url", "must be one line of at most 2000 characters without spaces");
        }
        if (url.startsWith("-")) {
            throw ValidationException.of("url", "must not start with '-' (it would be read as an option)");
        }
        if (url.contains("::")) {
            throw ValidationException.of("url", "remote-helper URLs such as 'ext::' are not fetched");
        }
        if (kind.equals("archive")) {
            // An upload's id, checked by the archive fetcher and against the team at start.
            if (r.trusting()) {
                throw ValidationException.of("trustServerCertificate", "applies to https URLs only, not to uploads");
            }
            return new SourceCheckRequest(kind, url, null, subdir(r.subdir()), null);
        }
        var scheme = SCHEME.matcher(url);
        String s = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : null;
        if (s == null && !url.matches("^[\\w.-]+@[\\w.-]+:.+")) {
            if (!allowFileUrls) {
                throw ValidationException.of("url", "'" + Names.shorten(url) + "' is not a URL: use https://, ssh://"
                        + " or user@host:path");
            }
        } else if ("file".equals(s) && !allowFileUrls) {
            throw ValidationException.of("url", "file:// URLs are disabled: an admin can enable them with"
                    + " allowFileUrls in etc/io.kato.source.cfg");
        } else if (s != null && !s.equals("file") && !s.equals("https") && !s.equals("http") && !s.equals("ssh")
                && !s.equals("git") && !s.equals("svn") && !s.equals("svn+ssh")) {
            throw ValidationException.of("url", "the scheme '" + s + "' is not supported: use https, http, ssh,"
                    + " git or svn");
        }
        String authority = s == null ? "" : url.substring(s.length() + 3).split("[/?#]", 2)[0];
        int at = authority.lastIndexOf('@');
        if (at > 0 && authority.substring(0, at).contains(":")) {
            throw ValidationException.of("url", "must not carry a password: pass credentials separately, so they"
                    + " are stored encrypted and never shown");
        }
        String ref = r.ref() == null || r.ref().isBlank() ? null : r.ref().strip();
        if (ref != null && (ref.length() > 255 || ref.startsWith("-") || CONTROL.matcher(ref).find()
                || ref.contains(".."))) {
            throw ValidationException.of("ref", "'" + Names.shorten(ref) + "' is not a branch, tag or commit name");
        }
        String credentials = r.credentials() == null || r.credentials().isBlank() ? null
                : Names.dnsLabel("credentials", r.credentials().strip());
        if (r.trusting() && !"https".equals(s)) {
            throw ValidationException.of("trustServerCertificate", "applies to https URLs only: other schemes have"
                    + " no server certificate to trust (ssh servers are checked by their host keys)");
        }
        return new SourceCheckRequest(kind, url, ref, subdir(r.subdir()), credentials, r.trusting());
    }

    /** A relative folder inside the tree, with '/' separators, or null for the root. */
    static String subdir(String subdir) {
        if (subdir == null || subdir.isBlank() || subdir.strip().equals(".") || subdir.strip().equals("/")) {
            return null;
        }
        String d = subdir.strip().replace('\\', '/');
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.startsWith("/") || d.length() > 1000 || CONTROL.matcher(d).find()) {
            throw ValidationException.of("subdir", "must be a relative folder inside the repository, e.g. services/api");
        }
        for (String part : d.split("/")) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                throw ValidationException.of("subdir", "'" + Names.shorten(subdir) + "' must not contain '..', '.'"
                        + " or empty parts: it has to stay inside the repository");
            }
        }
        return d;
    }
}
