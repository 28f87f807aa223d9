package io.kato.core.internal;

import io.kato.api.job.JobFailedException;
import io.kato.api.source.Credentials;
import io.kato.api.source.FetchListener;
import io.kato.api.source.FetchResult;
import io.kato.api.source.SourceFetcher;
import io.kato.api.source.SourceLocation;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Fetches the source a check names into a fresh workspace, the same way for the check and
 * for every later build of a component made from it: the check's kind, URL, ref and
 * certificate trust, the team's credential (opened only for the fetch) and its trusted
 * SSH host keys, within the configured limits.
 */
@Component(service = SourceWorkspaces.class, configurationPid = "io.kato.source")
public class SourceWorkspaces {
    private final Store store;
    private final SourceFetchers fetchers;
    private final CredentialServiceImpl credentials;
    private final KnownHostServiceImpl knownHosts;
    private final Path workRoot;
    private volatile SourceConfig config;

    @Activate
    public SourceWorkspaces(@Reference Store store, @Reference SourceFetchers fetchers,
                            @Reference CredentialServiceImpl credentials, @Reference KnownHostServiceImpl knownHosts,
                            SourceConfig config) {
        this(store, fetchers, credentials, knownHosts, config, DataDir.kato().resolve("work"));
    }

    SourceWorkspaces(Store store, SourceFetchers fetchers, CredentialServiceImpl credentials,
                     KnownHostServiceImpl knownHosts, SourceConfig config, Path workRoot) {
        this.store = store;
        this.fetchers = fetchers;
        this.credentials = credentials;
        this.knownHosts = knownHosts;
        this.config = config;
        this.workRoot = workRoot;
    }

    @Modified
    void modified(SourceConfig changed) {
        this.config = changed;
    }

    SourceConfig config() {
        return config;
    }

    /** A workspace folder for one job, empty (an earlier attempt's leftovers are removed). */
    Path workspace(String name) throws IOException {
        Path workspace = workRoot.resolve(name);
        Workspaces.delete(workspace);
        Files.createDirectories(workspace);
        return workspace;
    }

    /** Fetches the check's source into the (empty) workspace, logging progress. */
    FetchResult fetch(SourceCheckRows.Row check, Path workspace, Consumer<String> log) {
        SourceFetcher fetcher = fetchers.forKind(check.kind()).orElseThrow(() -> new JobFailedException(
                "No fetcher for '" + check.kind() + "' is installed any more"));
        log.accept("Fetching " + check.url() + (check.ref() == null ? "" : " at " + check.ref()));
        FetchResult fetched = fetcher.fetch(new SourceLocation(check.kind(), check.url(), check.ref(), check.subdir(),
                check.trustServerCertificate()), credentialsOf(check), workspace,
                SourceCheckServiceImpl.limits(config), new FetchListener() {
                    @Override
                    public void progress(String line) {
                        log.accept(line);
                    }

                    @Override
                    public boolean cancelled() {
                        return false;
                    }
                });
        log.accept("Fetched revision " + fetched.revision() + (fetched.ref() == null ? "" : " (" + fetched.ref() + ")"));
        return fetched;
    }

    /** The folder of the workspace a sub-directory names, refusing one that leads out of it. */
    static Path folder(Path workspace, String subdir) throws IOException {
        Path root = subdir == null ? workspace : workspace.resolve(subdir);
        // Real paths: a sub-directory that is a link must not lead the index out of the workspace.
        if (!Files.isDirectory(root) || !root.toRealPath().startsWith(workspace.toRealPath())) {
            throw new JobFailedException("The repository has no folder '" + subdir + "': check subdir");
        }
        return root;
    }

    /** The check's credential, if any, and always the team's trusted SSH host keys. */
    private Credentials credentialsOf(SourceCheckRows.Row check) {
        if (check.credential() == null) {
            return Credentials.none().withHostKeys(knownHosts.forTeam(check.teamId()));
        }
        try {
            return store.inTransaction(tx -> credentials.open(tx, check.teamId(), check.credential()))
                    .withHostKeys(knownHosts.forTeam(check.teamId()));
        } catch (io.kato.api.NotFoundException e) {
            throw new JobFailedException("The credential '" + check.credential() + "' was deleted: create it again"
                    + " or check without it");
        }
    }
}
