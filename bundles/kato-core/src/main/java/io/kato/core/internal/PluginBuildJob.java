package io.kato.core.internal;

import io.kato.api.build.BuildPlan;
import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.job.JobHandler;
import io.kato.api.model.PluginVersion;
import io.kato.api.runtime.BuildRequest;
import io.kato.api.runtime.Runtime;
import io.kato.api.runtime.RuntimeFailure;
import io.kato.api.source.SourceFetchException;
import io.kato.image.ImageConfig;
import io.kato.image.ImageReference;
import io.kato.image.RegistryClient;
import io.kato.image.RegistryException;
import io.kato.store.PluginRows;
import io.kato.store.SourceCheckRows;
import io.kato.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Builds one plugin version. From an image: the image is read from its registry (with the
 * plugin's credential) and the version pinned to the digest it has now, so a moving tag
 * never changes a fixed version. From a repository: its Dockerfile is built into an image
 * by the team's runtime, which must run images. The version's event log is the build log.
 */
@Component(service = JobHandler.class, property = JobHandler.KIND_PROPERTY + "=" + PluginServiceImpl.JOB_KIND)
public class PluginBuildJob implements JobHandler {
    private final Store store;
    private final CredentialServiceImpl credentials;
    private final RegistryClient registries;
    private final SourceWorkspaces sources;
    private final Runtimes runtimes;

    @Activate
    public PluginBuildJob(@Reference Store store, @Reference CredentialServiceImpl credentials,
                          @Reference SourceWorkspaces sources, @Reference Runtimes runtimes) {
        this(store, credentials, new RegistryClient(java.time.Duration.ofSeconds(30)), sources, runtimes);
    }

    PluginBuildJob(Store store, CredentialServiceImpl credentials, RegistryClient registries, SourceWorkspaces sources,
                   Runtimes runtimes) {
        this.store = store;
        this.credentials = credentials;
        this.registries = registries;
        this.sources = sources;
        this.runtimes = runtimes;
    }

    @Override
    public String run(JobContext context) throws Exception {
        PluginRows.VersionRow v = store.inTransaction(tx -> new PluginRows(tx).versionById(context.payload()))
                .orElseThrow(() -> new JobFailedException("The plugin was deleted before its build started"));
        PluginRows.PluginRow p = store.inTransaction(tx -> new PluginRows(tx).byId(v.pluginId()))
                .orElseThrow(() -> new JobFailedException("The plugin was deleted before its build started"));
        context.log("Building version " + v.number() + " of plugin " + p.name() + " (" + p.type() + ") from "
                + v.source());
        String artifact;
        try {
            artifact = p.image() != null ? pull(p, context) : p.repository() != null ? dockerfile(p, v, context)
                    : null; // nothing to build: its local command, or the gateway, does its work
        } catch (JobFailedException | RuntimeFailure | SourceFetchException e) {
            end(v, PluginVersion.FAILED, e.getMessage(), null);
            throw new JobFailedException(e.getMessage());
        } catch (RuntimeException | IOException e) {
            end(v, PluginVersion.FAILED, "The build failed: " + e.getMessage(), null);
            throw e;
        }
        String message = "version " + v.number() + ": " + (artifact != null ? artifact
                : "no image, runs where " + (p.localCommand() != null ? "its local command does" : "the gateway does its part"));
        if (!end(v, PluginVersion.SUCCEEDED, message, artifact)) {
            throw new JobFailedException("The version was ended by someone else meanwhile");
        }
        context.log("Version " + v.number() + " is " + (artifact != null ? artifact : "ready"));
        return message;
    }

    private boolean end(PluginRows.VersionRow v, String status, String message, String artifact) {
        return store.inTransaction(tx -> new PluginRows(tx).finishVersion(v.id(), status, message, artifact,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** The image as its registry has it now, pinned to its digest. */
    private String pull(PluginRows.PluginRow p, JobContext context) {
        ImageReference ref = ImageReference.parse(p.image());
        RegistryClient.Auth auth = ImagePulls.auth(store, credentials, p.teamId(), p.credential(),
                "build the plugin again, or change its credential");
        context.log("Reading " + ref + (auth == null ? "" : " with credential '" + p.credential() + "'"));
        try {
            ImageConfig config = registries.inspect(ref, auth, p.insecure());
            context.log("  " + config.digest() + " (" + config.os() + "/" + config.architecture() + ")");
            return config.reference().toString();
        } catch (RegistryException e) {
            throw new JobFailedException(e.getMessage());
        }
    }

    /** The repository's Dockerfile built by the team's runtime into an image it pushes. */
    private String dockerfile(PluginRows.PluginRow p, PluginRows.VersionRow v, JobContext context) throws IOException {
        Runtime runtime = runtimes.forTeam(p.teamId()).orElseThrow(() -> new JobFailedException("No runtime '"
                + runtimes.nameFor(p.teamId()) + "' is installed to build on"));
        if (!runtime.runsImages()) {
            throw new JobFailedException("A Dockerfile builds an image, and the team's runtime '" + runtime.name()
                    + "' runs processes, not images: make the plugin from an image, or choose a runtime that runs"
                    + " images (kubernetes) for the team");
        }
        Path workspace = sources.workspace("plugin-" + v.id());
        try {
            SourceCheckRows.Row location = new SourceCheckRows.Row(null, p.teamId(), "git", p.repository(), p.branch(),
                    null, p.credential(), null, null, null, null, null, null, p.insecure());
            sources.fetch(location, workspace, context::log);
            Path file = workspace.resolve("Dockerfile");
            if (!Files.isRegularFile(file)) {
                throw new JobFailedException("The repository has no Dockerfile at its root");
            }
            BuildPlan.ContainerRecipe recipe = recipe(Files.readString(file, StandardCharsets.UTF_8));
            context.log("Building the Dockerfile on the " + runtime.name() + " runtime, from " + recipe.baseImage());
            Path cache = Files.createDirectories(workspace.resolveSibling("plugin-cache-" + v.pluginId()));
            return runtime.build(new BuildRequest("plugin-" + v.pluginId(), v.id(), workspace, cache),
                    new BuildPlan("dockerfile", List.of(), ".", List.of(), List.of(), recipe), context::log);
        } finally {
            Workspaces.delete(workspace);
        }
    }

    /**
     * A Dockerfile as a recipe: its first {@code FROM} is the base and what follows the
     * instructions (later stages included, so multi-stage files build as written).
     */
    static BuildPlan.ContainerRecipe recipe(String dockerfile) {
        List<String> lines = List.of(dockerfile.split("\r?\n"));
        int from = -1;
        for (int i = 0; i < lines.size() && from < 0; i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!line.regionMatches(true, 0, "FROM ", 0, 5)) {
                throw new JobFailedException("The Dockerfile must start with FROM (line " + (i + 1) + " is '"
                        + line + "'): move ARG lines after it");
            }
            from = i;
        }
        if (from < 0) {
            throw new JobFailedException("The Dockerfile has no FROM line");
        }
        return new BuildPlan.ContainerRecipe(lines.get(from).strip().substring(5).strip(),
                new ArrayList<>(lines.subList(from + 1, lines.size())));
    }
}
