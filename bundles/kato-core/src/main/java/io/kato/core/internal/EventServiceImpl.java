package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.AuditRecord;
import io.kato.api.model.Event;
import io.kato.api.model.Team;
import io.kato.api.service.EventService;
import io.kato.store.EventRows;
import io.kato.store.Store;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = EventService.class)
public class EventServiceImpl extends ServiceSupport implements EventService {

    @Activate
    public EventServiceImpl(@Reference Store store) {
        super(store, Clock.systemUTC());
    }

    @Override
    public Page<Event> list(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            EventRows rows = new EventRows(tx);
            return new Page<>(rows.list(t.id(), page.offset(), page.limit()), page.offset(), page.limit(),
                    rows.count(t.id()));
        });
    }

    @Override
    public Event get(Actor actor, String team, String eventId) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            return new EventRows(tx).byId(t.id(), eventId == null ? "" : eventId)
                    .orElseThrow(() -> NotFoundException.of("event", eventId));
        });
    }

    @Override
    public String log(Actor actor, String team, String eventId) {
        Event event = get(actor, team, eventId);
        String log = tx(tx -> new EventRows(tx).log(event.id()));
        return log == null ? "" : log;
    }

    @Override
    public Page<AuditRecord> audit(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.MANAGE);
            EventRows rows = new EventRows(tx);
            return new Page<>(rows.audit(t.id(), page.offset(), page.limit()), page.offset(), page.limit(),
                    rows.countAudit(t.id()));
        });
    }
}
