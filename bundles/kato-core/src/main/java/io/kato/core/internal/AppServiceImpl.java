package io.kato.core.internal;

import io.kato.api.Actor;
import io.kato.api.ConflictException;
import io.kato.api.NotFoundException;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.ValidationException;
import io.kato.api.model.App;
import io.kato.api.model.Team;
import io.kato.api.service.AppService;
import io.kato.store.AppRows;
import io.kato.store.ComponentRows;
import io.kato.store.Rows;
import io.kato.store.Store;
import io.kato.store.Tx;
import java.time.Clock;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = AppService.class)
public class AppServiceImpl extends ServiceSupport implements AppService {

    @Activate
    public AppServiceImpl(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    AppServiceImpl(Store store, Clock clock) {
        super(store, clock);
    }

    @Override
    public Page<App> list(Actor actor, String team, PageRequest page) {
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.READ);
            AppRows rows = new AppRows(tx);
            return new Page<>(rows.list(t.id(), page.offset(), page.limit()), page.offset(), page.limit(),
                    rows.count(t.id()));
        });
    }

    @Override
    public App get(Actor actor, String team, String app) {
        return tx(tx -> find(tx, Access.team(tx, actor, team, Access.Need.READ), app));
    }

    @Override
    public App create(Actor actor, String team, AppDraft draft) {
        if (draft == null) {
            throw ValidationException.of("body", "is required: {\"name\": \"my-app\"}");
        }
        String name = Names.dnsLabel("name", draft.name());
        String displayName = Names.text("displayName", draft.displayName(), 200, name);
        String description = Names.text("description", draft.description(), 2000, "");
        String taken = "Application '" + name + "' already exists in team '" + team + "': choose another name";
        return tx(() -> taken, tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            AppRows rows = new AppRows(tx);
            if (rows.byName(t.id(), name).isPresent()) {
                throw new ConflictException(taken);
            }
            Instant now = now();
            App app = new App(Rows.newId(), t.id(), name, displayName, description, 1, now, now);
            rows.insert(app);
            record(tx, actor, t.id(), "create", "app", name, null, app);
            return app;
        });
    }

    @Override
    public App update(Actor actor, String team, String app, AppChanges changes, Long expectedVersion) {
        if (changes == null) {
            throw ValidationException.of("body", "is required: the fields to change");
        }
        return tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App current = find(tx, t, app);
            expectVersion("Application '" + app + "'", expectedVersion, current.version());
            App next = new App(current.id(), t.id(), current.name(),
                    Names.text("displayName", changes.displayName(), 200, current.displayName()),
                    changes.description() == null ? current.description()
                            : Names.text("description", changes.description(), 2000, ""),
                    current.version() + 1, current.createdAt(), now());
            if (!new AppRows(tx).update(next, current.version())) {
                throw lostRace("Application '" + app + "'");
            }
            record(tx, actor, t.id(), "update", "app", app, current, next);
            return next;
        });
    }

    @Override
    public void delete(Actor actor, String team, String app, Long expectedVersion) {
        tx(tx -> {
            Team t = Access.team(tx, actor, team, Access.Need.WRITE);
            App current = find(tx, t, app);
            expectVersion("Application '" + app + "'", expectedVersion, current.version());
            if (new ComponentRows(tx).countInApp(current.id()) > 0) {
                throw new ConflictException("Application '" + app + "' still has components: delete them first");
            }
            if (!new AppRows(tx).delete(current.id(), current.version())) {
                throw lostRace("Application '" + app + "'");
            }
            record(tx, actor, t.id(), "delete", "app", app, current, null);
            return null;
        });
    }

    static App find(Tx tx, Team team, String app) {
        return new AppRows(tx).byName(team.id(), app == null ? "" : app)
                .orElseThrow(() -> new NotFoundException("Application '" + app + "' does not exist in team '"
                        + team.name() + "'"));
    }
}
