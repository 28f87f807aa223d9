package io.kato.core.internal;

import io.kato.api.job.JobContext;
import io.kato.api.job.JobFailedException;
import io.kato.api.job.JobHandler;
import io.kato.api.model.ImageCheck;
import io.kato.api.model.ImageReport;
import io.kato.image.ContainerSpec;
import io.kato.image.ImageConfig;
import io.kato.image.ImageReference;
import io.kato.image.RegistryClient;
import io.kato.image.RegistryException;
import io.kato.store.ImageCheckRows;
import io.kato.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one image check: reads each container's image configuration from its registry and
 * keeps the report (secret env values sealed). The team credential named by the check is
 * sent to one registry only (chosen when the check was asked for), so a compose file
 * naming images on several registries never hands it to the others; those are read
 * anonymously.
 */
@Component(service = JobHandler.class, property = JobHandler.KIND_PROPERTY + "=" + ImageCheckServiceImpl.JOB_KIND)
public class ImageCheckJob implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCheckJob.class);
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(30);
    private final Store store;
    private final Secrets secrets;
    private final CredentialServiceImpl credentials;
    private final RegistryClient registries;

    @Activate
    public ImageCheckJob(@Reference Store store, @Reference Secrets secrets,
                         @Reference CredentialServiceImpl credentials) {
        this(store, secrets, credentials, new RegistryClient(REGISTRY_TIMEOUT));
    }

    ImageCheckJob(Store store, Secrets secrets, CredentialServiceImpl credentials, RegistryClient registries) {
        this.store = store;
        this.secrets = secrets;
        this.credentials = credentials;
        this.registries = registries;
    }

    @Override
    public String run(JobContext context) throws Exception {
        ImageCheckRows.Row check = store.inTransaction(tx -> new ImageCheckRows(tx).byId(context.payload()))
                .orElseThrow(() -> new JobFailedException("Image check " + context.payload() + " no longer exists"));
        if (ImageCheck.SUCCEEDED.equals(check.status()) || ImageCheck.FAILED.equals(check.status())) {
            return check.message(); // an earlier attempt finished it
        }
        store.inTransaction(tx -> new ImageCheckRows(tx).transition(check.id(), check.status(), ImageCheck.RUNNING,
                "running"));
        try {
            ImageReport report = check(check, context);
            String summary = report.services().size() == 1 ? "read " + report.services().get(0).image()
                    : "read " + report.services().size() + " images";
            end(check, ImageCheck.SUCCEEDED, summary, SourceCheckServiceImpl.JSON.writeValueAsString(report));
            return summary;
        } catch (JobFailedException e) {
            end(check, ImageCheck.FAILED, e.getMessage(), null);
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Image check {} failed unexpectedly", check.id(), e);
            String message = "The check failed inside the server (" + e.getClass().getSimpleName() + "); an admin"
                    + " finds the details in the log under image check " + check.id();
            end(check, ImageCheck.FAILED, message, null);
            throw new JobFailedException(message);
        }
    }

    private ImageReport check(ImageCheckRows.Row check, JobContext context) {
        List<ContainerSpec> specs = ImageInputs.parse(check.kind(), secrets.open(check.inputSealed())).specs();
        RegistryClient.Auth auth = ImagePulls.auth(store, credentials, check);
        Map<String, String> names = new LinkedHashMap<>();
        specs.forEach(s -> names.put(s.name() == null ? "" : s.name(), ImageInputs.componentName(s)));
        List<ImageReport.Service> services = new ArrayList<>();
        for (ContainerSpec spec : specs) {
            context.heartbeat(); // a compose file's images are read one after the other: keep the job's lease
            ImageReference ref = ImageReference.parse(spec.image());
            boolean withCredential = auth != null && ref.registry().equals(check.registry());
            context.log("Reading " + ref + (withCredential ? " with credential '" + check.credential() + "'" : ""));
            ImageConfig config;
            try {
                config = registries.inspect(ref, withCredential ? auth : null, check.insecure());
            } catch (RegistryException e) {
                String service = check.kind().equals(ImageCheck.COMPOSE) ? "service '" + spec.name() + "': " : "";
                throw new JobFailedException(service + e.getMessage());
            }
            context.log("  " + config.digest() + " " + config.os() + "/" + config.architecture() + ", "
                    + config.sizeBytes() / 1024 + " KiB in layers");
            ImageReport.Service s = ImageServices.of(spec, config, names);
            s.warnings().forEach(w -> context.log("  note: " + w));
            services.add(new ImageReport.Service(s.name(), s.image(), s.digest(), s.platform(),
                    s.env().stream().map(secrets::seal).toList(), s.ports(), s.volumes(), s.memoryMb(), s.command(),
                    s.user(), s.workdir(), s.deployType(), s.dependsOn(), s.warnings(), s.sizeBytes()));
        }
        return new ImageReport(services);
    }

    private void end(ImageCheckRows.Row check, String status, String message, String reportJson) {
        Instant now = Instant.now();
        store.inTransaction(tx -> {
            new ImageCheckRows(tx).finish(check.id(), status, message, reportJson, now);
            return null;
        });
    }
}
