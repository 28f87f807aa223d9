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
import java.time.Clock;
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
    private volatile SourceConfig config;

    @Activate
    public SourceCheckServiceImpl(@Reference Store store, @Reference SourceFetchers fetchers, SourceConfig config) {
        this(store, fetchers, config, Clock.systemUTC());
    }

    SourceCheckServiceImpl(Store store, SourceFetchers fetchers, SourceConfig config, Clock clock) {
        super(store, clock);
        this.fetchers = fetchers;
        this.config = config;
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
        fetcher.validate(new SourceLocation(r.kind(), r.url(), r.ref(), r.subdir()), limits(c));
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
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
                    r.credentials(), SourceCheck.QUEUED, "queued", null, eventId, now, null);
            new SourceCheckRows(tx).insert(row);
            // Two attempts: a second one only runs when the first one's worker died.
            new JobRows(tx).insert(Rows.newId(), JOB_KIND, id, eventId, 2, now);
            return toModel(row);
        });
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
                r.message(),
                report, r.eventId(), r.createdAt(), r.finishedAt());
    }
}
