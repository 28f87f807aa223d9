package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.AuditRecord;
import io.kato.api.model.Event;
import org.osgi.annotation.versioning.ProviderType;

/** The operation log (events, newest first) and the audit trail of a team. */
@ProviderType
public interface EventService {
    Page<Event> list(Actor actor, String team, PageRequest page);

    Event get(Actor actor, String team, String eventId);

    /** The event's log text, empty when it has none. */
    String log(Actor actor, String team, String eventId);

    /** Audit records of the team, newest first; team admins only. */
    Page<AuditRecord> audit(Actor actor, String team, PageRequest page);
}
