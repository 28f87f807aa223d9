package io.kato.shell.internal;

import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Volume;
import io.kato.api.model.VolumeType;
import io.kato.api.service.VolumeService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Service
@Command(scope = "kato", name = "volume-set", description = "Adds or replaces a volume or config file of a component"
        + " (--remove removes it, and its data)")
public class VolumeSet extends ComponentCommandSupport {
    @Reference
    VolumeService volumes;

    @Argument(index = 2, name = "name", required = true, description = "The volume's name (lower case, digits, '-')")
    String name;

    @Option(name = "--type", description = "share_file (default), local, memory or config_file")
    @Completion(value = StringsCompleter.class, values = {"share_file", "local", "memory", "config_file"})
    String type = "share_file";

    @Option(name = "--path", description = "Absolute path in the instance: a volume's folder or a config file's path")
    String path;

    @Option(name = "--size", description = "Capacity in MB (volumes)")
    Integer sizeMb;

    @Option(name = "--content", description = "A config file's text")
    String content;

    @Option(name = "--file", description = "A config file's text, read from this file on the Kato host")
    String file;

    @Option(name = "--remove", description = "Remove the volume and its data")
    boolean remove;

    @Override
    protected Object run(Actor actor) throws IOException {
        if (remove) {
            volumes.remove(actor, team, component, name);
            out().println("Volume " + name + " removed from " + component);
            return null;
        }
        if (content != null && file != null) {
            throw ValidationException.of("--file", "give the text with --content or --file, not both");
        }
        String text = file == null ? content : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        Volume v = volumes.put(actor, team, component, new Volume(name, wire(VolumeType.class, "--type", type), path,
                sizeMb, text));
        out().println("Volume " + v.name() + " (" + v.type() + ") at " + v.path() + " on " + component
                + (v.sizeMb() == null ? "" : ", " + v.sizeMb() + " MB"));
        return null;
    }
}
