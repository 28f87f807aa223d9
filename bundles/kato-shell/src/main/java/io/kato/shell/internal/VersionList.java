package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.Version;
import io.kato.api.service.BuildService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "versions", description = "Lists a component's built versions, newest first")
public class VersionList extends ComponentCommandSupport {
    @Reference
    BuildService builds;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Version");
        table.column("Strategy");
        table.column("Revision");
        table.column("Ref");
        table.column("Author");
        table.column("Built");
        for (Version v : builds.versions(actor, team, component, all()).items()) {
            table.addRow().addContent(v.number(), v.strategy(), orDash(v.revision()), orDash(v.ref()),
                    orDash(v.author()), v.createdAt());
        }
        print(table);
        return null;
    }
}
