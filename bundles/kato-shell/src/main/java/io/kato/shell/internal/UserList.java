package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.model.User;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "user-list", description = "Lists users")
public class UserList extends KatoCommandSupport {
    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Display name");
        table.column("Admin");
        for (User u : access.listUsers(actor, all()).items()) {
            table.addRow().addContent(u.name(), u.displayName(), u.admin());
        }
        print(table);
        return null;
    }
}
