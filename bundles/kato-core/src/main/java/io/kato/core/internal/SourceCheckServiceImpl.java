package io.kato.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.SourceCheck;
import io.kato.api.model.SourceReport;
import io.kato.api.model.Team;
import io.kato.api.service.SourceCheckService;
import io.kato.api.source.FetchLimits;
import io.kato.api.source.SourceFetcher;
import io.kato.api.source.SourceLocation;
import io.kato.store.CredentialRows;
import io.kato.store.EventRows;
import io.kato.store.JobRows;
import io.kato.store.Rows;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Queues source checks: the request is validated, then the check, its event and its job
 * are written in one transaction, so a check is never lost nor run without a record.
 */
@Component(service = SourceCheckService.class, configurationPid = "io.kato.source")
@Designate(ocd = SourceConfig.class)
public class SourceCheckServiceImpl extends ServiceSupport implements SourceCheckService {
    static final String JOB_KIND = "source-check";
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SourceFetchers fetchers;
    private final Path archives;
    private volatile SourceConfig config;

    @Activate
    public SourceCheckServiceImpl(@Reference Store store, @Reference SourceFetchers fetchers, SourceConfig config) {
        this(store, fetchers, config, Clock.systemUTC(), DataDir.kato().resolve("archives"));
    }

    SourceCheckServiceImpl(Store store, SourceFetchers fetchers, SourceConfig config, Clock clock, Path archives) {
        super(store, clock);
        this.fetchers = fetchers;
        this.config = config;
        this.archives = archives.toAbsolutePath().normalize();
    }

    @Modified
    void modified(SourceConfig changed) {
        this.config = changed;
    }

    static FetchLimits limits(SourceConfig c) {
        return new FetchLimits(Duration.ofSeconds(c.timeoutSeconds()), c.maxBytes(), c.maxFiles(),
                c.allowPrivateNetworks(), c.allowFileUrls());
    }

    @Override
    public SourceCheck start(Actor actor, String team, SourceCheckRequest request) {
        SourceConfig c = config;
        SourceCheckRequest r = SourceRequests.normalise(request, c.allowFileUrls());
        SourceFetcher fetcher = fetchers.forKind(r.kind()).orElseThrow(() -> ValidationException.of("kind",
                "no fetcher for '" + r.kind() + "' is installed" + (fetchers.kinds().isEmpty() ? ""
                        : "; installed: " + fetchers.kinds())));
        fetcher.validate(new SourceLocation(r.kind(), r.url(), r.ref(), r.subdir(), r.trusting()), limits(c));
        return woken(jobs, tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            if (r.kind().equals("archive") && !ownsArchive(t.id(), r.url())) {
                throw ValidationException.of("url", "team '" + team + "' has no uploaded archive '" + r.url()
                        + "': upload it with POST /api/v1/teams/" + team + "/source-archives");
            }
            Instant now = now();
            String id = Rows.newId();
            String eventId = Rows.newId();
            new EventRows(tx).insert(new Event(eventId, t.id(), "source-check", r.url(), JOB_KIND, actor.name(),
                    EventStatus.RUNNING, "source check queued", now, null));
            if (r.credentials() != null && new CredentialRows(tx).byName(t.id(), r.credentials()).isEmpty()) {
                throw ValidationException.of("credentials", "team '" + team + "' has no credential '"
                        + r.credentials() + "': create it first (POST /api/v1/teams/" + team + "/credentials)");
            }
            SourceCheckRows.Row row = new SourceCheckRows.Row(id, t.id(), r.kind(), r.url(), r.ref(), r.subdir(),
                    r.credentials(), SourceCheck.QUEUED, "queued", null, eventId, now, null, r.trusting());
            new SourceCheckRows(tx).insert(row);
            // Two attempts: a second one only runs when the first one's worker died.
            new JobRows(tx).insert(Rows.newId(), JOB_KIND, id, eventId, 2, now);
            return toModel(row);
        }));
    }

    @Override
    public ArchiveUpload upload(Actor actor, String team, InputStream content) {
        Team t = tx(tx -> Access.team(tx, actor, team, Access.Need.WRITE));
        long max = config.maxBytes();
        String id = Rows.newId();
        Path file = archives.resolve(id);
        try {
            Files.createDirectories(archives);
            long n;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                n = content.transferTo(new BoundedOutput(out, max));
            }
            if (n == 0) {
                throw ValidationException.of("body", "is empty: send the zip or tar.gz file as the request body");
            }
            Files.writeString(archives.resolve(id + ".team"), t.id());
            tx(tx -> {
                record(tx, actor, t.id(), "upload-archive", "archive", id, null, Map.of("bytes", n));
                return null;
            });
            return new ArchiveUpload(id, n);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof BoundedOutput.TooLarge) {
                throw ValidationException.of("body", "is larger than " + (max >> 20) + " MB, the limit of this"
                        + " server");
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Cannot store the upload: " + e.getMessage(), e);
        }
    }

    /** Whether the upload exists and belongs to the team. */
    boolean ownsArchive(String teamId, String archiveId) {
        try {
            Path owner = archives.resolve(archiveId + ".team").normalize();
            return owner.startsWith(archives) && Files.isRegularFile(owner)
                    && Files.readString(owner).equals(teamId);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing half-written is left behind when this succeeds; a leftover is harmless
        }
    }

    @Override
    public SourceCheck get(Actor actor, String team, String checkId) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            return new SourceCheckRows(tx).byId(checkId == null ? "" : checkId)
                    .filter(row -> row.teamId().equals(t.id()))
                    .map(SourceCheckServiceImpl::toModel)
                    .orElseThrow(() -> NotFoundException.of("source check", checkId));
        });
    }

    @Override
    public Page<SourceCheck> list(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            SourceCheckRows rows = new SourceCheckRows(tx);
            return new Page<>(rows.list(t.id(), page.offset(), page.limit()).stream()
                    .map(SourceCheckServiceImpl::toModel).toList(), page.offset(), page.limit(), rows.count(t.id()));
        });
    }

    static SourceCheck toModel(SourceCheckRows.Row r) {
        SourceReport report = null;
        if (r.reportJson() != null) {
            try {
                report = JSON.readValue(r.reportJson(), SourceReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored report of check " + r.id() + " is unreadable", e);
            }
        }
        return new SourceCheck(r.id(), r.teamId(), r.kind(), r.url(), r.ref(), r.subdir(), r.credential(), r.status(),
                r.message(), report, r.eventId(), r.createdAt(), r.finishedAt(), r.trustServerCertificate());
    }

    /** The job workers, woken when a job is queued (absent: they find it at their next poll). */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations
            .ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile JobServiceImpl jobs;
}
