package io.kato.source.git.internal;

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
import io.kato.api.source.HostKeys;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Fetches git repositories with JGit: a shallow clone of the branch or tag asked for (the
 * remote's default branch when none is), or a full clone checked out at a commit id; over
 * https/http with a password or token, or over ssh with the team's deploy key and host keys
 * trusted on first use ({@link SshSessions}).
 * Addresses are checked before connecting; errors are translated into messages that name
 * the cause and never the credentials.
 */
@Component
public class GitFetcher implements SourceFetcher {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9a-fA-F:.]{2,45}]?");

    @Override
    public String kind() {
        return "git";
    }

    @Override
    public void validate(SourceLocation location, FetchLimits limits) {
        String scheme = scheme(parse(location.url()));
        if (scheme.equals("file") && !limits.allowFileUrls()) {
            throw ValidationException.of("url", "local repositories are disabled: an admin can enable them with"
                    + " allowFileUrls in etc/io.kato.source.cfg");
        }
        if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("http") && !scheme.equals("ssh")
                && !scheme.equals("git")) {
            throw ValidationException.of("url", "git cannot fetch '" + scheme + "' URLs: use https, http, ssh or git");
        }
        String host = parse(location.url()).getHost();
        if (scheme.equals("ssh") && (host == null || !HOST.matcher(host).matches())) {
            // The team's trusted host keys are kept under this name, which members must be able to type.
            throw ValidationException.of("url", "the host of an ssh URL must be a DNS name or an IP address");
        }
    }

    /** file, ssh (also for scp-like {@code user@host:path}), http, https or git. */
    private static String scheme(URIish uri) {
        return uri.getScheme() == null ? (uri.getHost() == null ? "file" : "ssh")
                : uri.getScheme().toLowerCase(Locale.ROOT).replace("git+ssh", "ssh").replace("ssh+git", "ssh");
    }

    private static URIish parse(String url) {
        try {
            return new URIish(url);
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "is not a git URL: " + e.getReason());
        }
    }

    @Override
    public FetchResult fetch(SourceLocation location, Credentials credentials, Path target, FetchLimits limits,
                             FetchListener listener) {
        validate(location, limits);
        URIish uri = parse(location.url());
        if (uri.getHost() != null) {
            Addresses.check(uri.getHost(), limits.allowPrivateNetworks());
        }
        String ref = location.ref();
        boolean commit = ref != null && COMMIT.matcher(ref).matches();
        Instant deadline = Instant.now().plus(limits.timeout());
        CloneCommand clone = Git.cloneRepository()
                .setURI(location.url())
                .setDirectory(target.toFile())
                .setCloneSubmodules(false)
                .setTimeout((int) Math.max(1, limits.timeout().toSeconds()))
                .setProgressMonitor(new DeadlineMonitor(listener, deadline));
        if (ref != null && !commit) {
            clone.setBranch(ref);
        }
        if (!commit) {
            clone.setDepth(1); // a check needs the files, not the history
        }
        String scheme = scheme(uri);
        CredentialsProvider provider = null;
        if (credentials.type() == Credentials.Type.PASSWORD || credentials.type() == Credentials.Type.TOKEN) {
            String user = credentials.username() == null ? "oauth2" : credentials.username();
            provider = new UsernamePasswordCredentialsProvider(user, credentials.secret());
        }
        if (location.trustServerCertificate() && scheme.equals("https")) {
            listener.progress("The server's certificate is accepted without verification, as asked");
            provider = new TrustingCredentials(provider);
        }
        clone.setCredentialsProvider(provider);
        SshSessions ssh = null;
        try {
            if (scheme.equals("ssh")) {
                if (uri.getUser() == null) {
                    // Without one JGit would log in as the server's own OS user; hosting services expect "git".
                    clone.setURI(uri.setUser(credentials.username() == null ? "git" : credentials.username())
                            .toString());
                }
                ssh = new SshSessions(credentials, HostKeys.name(uri.getHost(), uri.getPort()), listener);
                SshSessionFactory sessions = ssh.factory();
                clone.setTransportConfigCallback(t -> {
                    if (t instanceof SshTransport st) {
                        st.setSshSessionFactory(sessions);
                    }
                });
            }
            return clone(clone, ref, commit, target, limits);
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof SourceFetchException sfe) {
                throw sfe;
            }
            if (ssh != null && ssh.refusal() != null) {
                throw new SourceFetchException(ssh.refusal());
            }
            throw GitErrors.explain(e, location, deadline);
        } finally {
            if (ssh != null) {
                ssh.close();
            }
        }
    }

    private static FetchResult clone(CloneCommand clone, String ref, boolean commit, Path target, FetchLimits limits)
            throws GitAPIException {
        try (Git git = clone.call()) {
            if (commit) {
                git.checkout().setName(ref).call();
            }
            FetchResult result = describe(git.getRepository(), ref);
            TreeLimits.check(target, limits);
            return result;
        }
    }

    private static FetchResult describe(Repository repo, String asked) {
        try {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                return new FetchResult(null, asked, null, null, null); // an empty repository
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit c = walk.parseCommit(head);
                String branch = repo.getBranch();
                return new FetchResult(c.getName(), asked != null ? asked : branch, c.getAuthorIdent().getName(),
                        c.getShortMessage(), Instant.ofEpochSecond(c.getCommitTime()));
            }
        } catch (java.io.IOException e) {
            throw new SourceFetchException("The fetched repository cannot be read: " + e.getMessage(), e);
        }
    }
}
