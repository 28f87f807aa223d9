package io.kato.rest.internal;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import io.kato.api.gateway.GatewayMetrics;
import io.kato.api.gateway.RouteTable;
import io.kato.api.service.AccessService;
import io.kato.api.service.AppService;
import io.kato.api.service.AutoscalingService;
import io.kato.api.service.BuildService;
import io.kato.api.service.CertificateService;
import io.kato.api.service.ComponentService;
import io.kato.api.service.CredentialService;
import io.kato.api.service.EventService;
import io.kato.api.service.GatewayRuleService;
import io.kato.api.service.ImageCheckService;
import io.kato.api.service.KnownHostService;
import io.kato.api.service.LanguageRegistry;
import io.kato.api.service.RuntimeRegistry;
import io.kato.api.service.SourceCheckService;
import io.kato.api.service.TeamService;
import io.kato.api.service.VolumeService;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * Assembles the REST API from the core services and serves it under {@code /api/*} on
 * Pax Web's Jetty through the HTTP whiteboard. The API exists only while every core
 * service does, so a request never reaches a half-started core.
 */
@Component(immediate = true, service = {})
public class RestApplication {
    static final List<Class<?>> RESOURCES = List.of(SystemResource.class, TeamsResource.class, AppsResource.class,
            ComponentsResource.class, EventsResource.class, UsersResource.class, SourceChecksResource.class,
            SourceArchivesResource.class, CredentialsResource.class, KnownHostsResource.class,
            GatewayRulesResource.class, CertificatesResource.class, ImageChecksResource.class, VolumesResource.class,
            AutoscalingResource.class, PluginsResource.class, ComponentPluginsResource.class, DiscoveryResource.class,
            PerformanceResource.class, MetricsResource.class, DefaultPluginsResource.class,
            TeamDefaultPluginsResource.class, DependenciesResource.class, DependentsResource.class,
            TopologyResource.class, ThirdPartyResource.class, RegistrationResource.class, EndpointsResource.class,
            RegistrationMethodsResource.class);
    private final ServiceRegistration<Servlet> registration;

    /** The core services the API serves. */
    record Services(TeamService teams, AppService apps, ComponentService components, EventService events,
                    AccessService access, LanguageRegistry languages, SourceCheckService checks,
                    CredentialService credentials, KnownHostService knownHosts, BuildService builds,
                    RouteTable routes, GatewayRuleService rules, CertificateService certificates,
                    ImageCheckService images, RuntimeRegistry runtimes, VolumeService volumes,
                    AutoscalingService autoscaling, io.kato.api.service.PluginTypeRegistry pluginTypes,
                    io.kato.api.service.PluginService plugins, io.kato.api.service.PluginInstallService installs,
                    io.kato.api.service.DependencyService dependencies, io.kato.api.service.ThirdPartyService thirdParty,
                    java.util.function.Supplier<java.util.Optional<GatewayMetrics>> metrics) {
    }

    /** The gateway's measurements, when the gateway runs; the API stays up without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile GatewayMetrics metrics;

    @Activate
    public RestApplication(BundleContext context, @Reference TeamService teams, @Reference AppService apps,
                           @Reference ComponentService components, @Reference EventService events,
                           @Reference AccessService access, @Reference LanguageRegistry languages,
                           @Reference SourceCheckService checks, @Reference CredentialService credentials,
                           @Reference KnownHostService knownHosts, @Reference BuildService builds,
                           @Reference RouteTable routes, @Reference GatewayRuleService rules,
                           @Reference CertificateService certificates, @Reference ImageCheckService images,
                           @Reference RuntimeRegistry runtimes, @Reference VolumeService volumes,
                           @Reference AutoscalingService autoscaling,
                           @Reference io.kato.api.service.PluginTypeRegistry pluginTypes,
                           @Reference io.kato.api.service.PluginService plugins,
                           @Reference io.kato.api.service.PluginInstallService installs,
                           @Reference io.kato.api.service.DependencyService dependencies,
                           @Reference io.kato.api.service.ThirdPartyService thirdParty) {
        ResourceConfig config = resourceConfig(new Services(teams, apps, components, events, access, languages,
                checks, credentials, knownHosts, builds, routes, rules, certificates, images, runtimes, volumes,
                autoscaling, pluginTypes, plugins, installs, dependencies, thirdParty,
                () -> java.util.Optional.ofNullable(this.metrics)));
        // Jersey looks up its injection manager through the context class loader: make it this bundle's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ServletContainer servlet;
        try {
            thread.setContextClassLoader(RestApplication.class.getClassLoader());
            servlet = new ServletContainer(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/*");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "kato-api");
        registration = context.registerService(Servlet.class, servlet, props);
    }

    static ResourceConfig resourceConfig(Services s) {
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(new JacksonJsonProvider(Json.mapper()));
        config.register(new AuthFilter(s.access()));
        config.register(new ProblemMappers.Domain());
        config.register(new ProblemMappers.BadJson());
        config.register(new ProblemMappers.Web());
        config.register(new ProblemMappers.Unexpected());
        config.register(new SystemResource(s.languages(), s.runtimes(), s.pluginTypes(), new OpenApi(RESOURCES)));
        config.register(new TeamsResource(s.teams(), s.events()));
        config.register(new AppsResource(s.apps(), s.components()));
        config.register(new ComponentsResource(s.components(), s.builds(), s.routes()));
        config.register(new VolumesResource(s.volumes()));
        config.register(new AutoscalingResource(s.autoscaling()));
        config.register(new PluginsResource(s.plugins()));
        config.register(new ComponentPluginsResource(s.installs()));
        config.register(new DiscoveryResource(s.installs()));
        config.register(new DefaultPluginsResource(s.plugins()));
        config.register(new TeamDefaultPluginsResource(s.plugins()));
        config.register(new PerformanceResource(s.installs(), s.metrics()));
        config.register(new MetricsResource(s.teams(), s.metrics()));
        config.register(new DependenciesResource(s.dependencies()));
        config.register(new DependentsResource(s.dependencies()));
        config.register(new TopologyResource(s.dependencies()));
        config.register(new ThirdPartyResource(s.thirdParty()));
        config.register(new RegistrationResource(s.thirdParty()));
        config.register(new EndpointsResource(s.thirdParty()));
        config.register(new RegistrationMethodsResource(s.thirdParty()));
        config.register(new EventsResource(s.events()));
        config.register(new UsersResource(s.access()));
        config.register(new SourceChecksResource(s.checks(), s.components()));
        config.register(new SourceArchivesResource(s.checks()));
        config.register(new CredentialsResource(s.credentials()));
        config.register(new KnownHostsResource(s.knownHosts()));
        config.register(new GatewayRulesResource(s.rules()));
        config.register(new CertificatesResource(s.certificates()));
        config.register(new ImageChecksResource(s.images(), s.components()));
        return config;
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
