package io.kato.shell.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kato.api.Actor;
import io.kato.api.ValidationException;
import io.kato.api.model.Plugin;
import io.kato.api.model.PluginConfigGroup;
import io.kato.api.service.PluginService;
import io.kato.shell.internal.completers.TeamCompleter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "kato", name = "plugin-create", description = "Creates a plugin from an image or a repository's"
        + " Dockerfile (--update changes one; --delete deletes it)")
public class PluginCreate extends KatoCommandSupport {
    /** Config groups as the REST API takes them. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Reference
    PluginService plugins;

    @Argument(index = 0, name = "team", required = true)
    @Completion(TeamCompleter.class)
    String team;

    @Argument(index = 1, name = "name", required = true, description = "The plugin's name (lower case, digits, '-')")
    String name;

    @Argument(index = 2, name = "type", description = "Its plugin type (see kato:plugin-types); kept on --update")
    String type;

    @Option(name = "--image", description = "The image it is built from")
    String image;

    @Option(name = "--repository", description = "A git repository whose Dockerfile builds it")
    String repository;

    @Option(name = "--branch", description = "The repository's branch (default main)")
    String branch;

    @Option(name = "--credential", description = "The team credential for the registry or repository")
    String credential;

    @Option(name = "--insecure", description = "The registry speaks plain http or has an unsigned certificate")
    boolean insecure;

    @Option(name = "--memory", description = "Least memory in MB (default 64)")
    Integer memoryMb;

    @Option(name = "--cpu", description = "CPU in millicores (default 100)")
    Integer cpuMillis;

    @Option(name = "--local-command", description = "Shell command that stands in for the image on the local runtime")
    String localCommand;

    @Option(name = "--description", description = "Free text")
    String description;

    @Option(name = "--config", description = "Config groups as JSON, as in the REST API: [{\"name\": …, \"metadata\":"
            + " \"none\", \"injection\": \"env\", \"items\": [{\"name\": \"LEVEL\", \"defaultValue\": \"info\"}]}]")
    String config;

    @Option(name = "--config-file", description = "Config groups as JSON, read from this file on the Kato host")
    String configFile;

    @Option(name = "--update", description = "Change the existing plugin (all it is made of is replaced)")
    boolean update;

    @Option(name = "--delete", description = "Delete the plugin and its versions")
    boolean delete;

    @Override
    protected Object run(Actor actor) throws IOException {
        if (delete) {
            plugins.delete(actor, team, name);
            out().println("Plugin " + name + " deleted");
            return null;
        }
        Plugin p = new Plugin(null, name, type, image, repository, branch, credential, insecure, memoryMb, cpuMillis,
                localCommand, description, groups(), null, null, null);
        Plugin done = update ? plugins.update(actor, team, name, p) : plugins.create(actor, team, p);
        out().println("Plugin " + done.name() + " (" + done.type() + ") " + (update ? "updated" : "created") + ": "
                + (done.image() != null ? done.image() : done.repository() + "#" + done.branch()) + ", "
                + done.memoryMb() + " MB, " + done.configGroups().size() + " config group(s); build it with"
                + " kato:plugin-build " + team + " " + done.name());
        return null;
    }

    private List<PluginConfigGroup> groups() throws IOException {
        if (config != null && configFile != null) {
            throw ValidationException.of("--config-file", "give config groups with --config or --config-file, not"
                    + " both");
        }
        String text = configFile == null ? config : Files.readString(Path.of(configFile), StandardCharsets.UTF_8);
        if (text == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(text, PluginConfigGroup[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ValidationException.of(configFile == null ? "--config" : "--config-file", "is not a JSON list of"
                    + " config groups: " + e.getOriginalMessage());
        }
    }
}
