package io.kato.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.model.Event;
import io.kato.api.model.EventStatus;
import io.kato.api.model.ImageCheck;
import io.kato.api.model.ImageReport;
import io.kato.api.model.Team;
import io.kato.api.service.ImageCheckService;
import io.kato.store.CredentialRows;
import io.kato.store.EventRows;
import io.kato.store.ImageCheckRows;
import io.kato.store.JobRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Queues image checks: the input is read and validated first, then the check (its input
 * sealed), its event and its job are written in one transaction.
 */
@Component(service = ImageCheckService.class)
public class ImageCheckServiceImpl extends ServiceSupport implements ImageCheckService {
    static final String JOB_KIND = "image-check";
    private final Secrets secrets;

    @Activate
    public ImageCheckServiceImpl(@Reference Store store, @Reference Secrets secrets) {
        this(store, secrets, Clock.systemUTC());
    }

    ImageCheckServiceImpl(Store store, Secrets secrets, Clock clock) {
        super(store, clock);
        this.secrets = secrets;
    }

    @Override
    public ImageCheck start(Actor actor, String team, ImageCheckRequest request) {
        ImageInputs.Parsed input = ImageInputs.parse(request);
        String registry = ImageInputs.credentialRegistry(input, request.credentials(), request.registry());
        String sealed = secrets.seal(input.text());
        return woken(jobs, tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            if (request.credentials() != null) {
                CredentialRows.Row credential = new CredentialRows(tx).byName(t.id(), request.credentials())
                        .orElseThrow(() -> ValidationException.of("credentials", "team '" + team + "' has no"
                                + " credential '" + request.credentials() + "': create it first (POST /api/v1/teams/"
                                + team + "/credentials)"));
                if (credential.type().equals("ssh")) {
                    throw ValidationException.of("credentials", "'" + request.credentials() + "' is an SSH key;"
                            + " registries take a user with a password or token");
                }
            }
            Instant now = now();
            String id = Rows.newId();
            String eventId = Rows.newId();
            String target = input.image() == null ? input.kind()
                    : input.image().length() <= 200 ? input.image() : input.image().substring(0, 199) + "…";
            new EventRows(tx).insert(new Event(eventId, t.id(), "image-check", target, JOB_KIND, actor.name(),
                    EventStatus.RUNNING, "image check queued", now, null));
            ImageCheckRows.Row row = new ImageCheckRows.Row(id, t.id(), input.kind(), input.image(), sealed,
                    request.credentials(), registry, request.insecureRegistry(), ImageCheck.QUEUED, "queued", null, eventId,
                    now, null);
            new ImageCheckRows(tx).insert(row);
            new JobRows(tx).insert(Rows.newId(), JOB_KIND, id, eventId, 2, now);
            record(tx, actor, t.id(), "create", "image-check", id, null, java.util.Map.of("kind", input.kind()));
            return toModel(row);
        }));
    }

    @Override
    public ImageCheck get(Actor actor, String team, String checkId) {
        return tx(tx -> toModel(find(tx, Access.team(tx, actor, team, Access.Need.READ), checkId)));
    }

    /** The team's check as stored, or 404. */
    static ImageCheckRows.Row find(Tx tx, Team t, String checkId) {
        return new ImageCheckRows(tx).byId(checkId == null ? "" : checkId).filter(r -> r.teamId().equals(t.id()))
                .orElseThrow(() -> NotFoundException.of("image check", checkId));
    }

    @Override
    public Page<ImageCheck> list(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            ImageCheckRows rows = new ImageCheckRows(tx);
            return new Page<>(rows.list(t.id(), page.offset(), page.limit()).stream()
                    .map(ImageCheckServiceImpl::toModel).toList(), page.offset(), page.limit(), rows.count(t.id()));
        });
    }

    /** The stored report, secret values still sealed; null until the check succeeded. */
    static ImageReport storedReport(ImageCheckRows.Row r) {
        if (r.reportJson() == null) {
            return null;
        }
        try {
            return SourceCheckServiceImpl.JSON.readValue(r.reportJson(), ImageReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored report of image check " + r.id() + " is unreadable", e);
        }
    }

    static ImageCheck toModel(ImageCheckRows.Row r) {
        ImageReport report = storedReport(r);
        return new ImageCheck(r.id(), r.teamId(), r.kind(), r.image(), r.credential(), r.registry(), r.insecure(),
                r.status(),
                r.message(), report == null ? null : report.masked(), r.eventId(), r.createdAt(), r.finishedAt());
    }

    /** The job workers, woken when a job is queued (absent: they find it at their next poll). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile JobServiceImpl jobs;
}
