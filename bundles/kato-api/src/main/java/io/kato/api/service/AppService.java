package io.kato.api.service;

import io.kato.api.Actor;
import io.kato.api.Page;
import io.kato.api.PageRequest;
import io.kato.api.model.App;
import org.osgi.annotation.versioning.ProviderType;

/** Applications of a team. Versioning and visibility rules as in {@link TeamService}. */
@ProviderType
public interface AppService {
    Page<App> list(Actor actor, String team, PageRequest page);

    App get(Actor actor, String team, String app);

    App create(Actor actor, String team, AppDraft draft);

    App update(Actor actor, String team, String app, AppChanges changes, Long expectedVersion);

    /** Refused while the application still has components. */
    void delete(Actor actor, String team, String app, Long expectedVersion);

    record AppDraft(String name, String displayName, String description) {
    }

    record AppChanges(String displayName, String description) {
    }
}
