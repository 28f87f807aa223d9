package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.service.LanguageRegistry;
import io.kato.api.service.LanguageRegistry.LanguageInfo;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "kato", name = "languages", description = "Lists the language detectors installed right now")
public class Languages extends KatoCommandSupport {
    @Reference
    LanguageRegistry registry;

    @Override
    protected Object run(Actor actor) {
        ShellTable table = new ShellTable();
        table.column("Language");
        table.column("Display name");
        table.column("Ranking");
        table.column("Bundle");
        table.column("Also reports");
        for (LanguageInfo l : registry.languages()) {
            table.addRow().addContent(l.name(), l.displayName(), l.ranking(), l.bundle(),
                    l.variants().isEmpty() ? "-" : String.join(", ", l.variants()));
        }
        print(table);
        return null;
    }
}
