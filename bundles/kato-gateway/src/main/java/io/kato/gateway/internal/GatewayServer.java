package io.kato.gateway.internal;

import io.kato.api.gateway.ComponentPerformance;
import io.kato.api.gateway.GatewayMetrics;
import io.kato.api.gateway.RouteTable;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kato's gateway: a Jetty server of its own (not Pax Web's, which serves the API), on its
 * own port, proxying each request to a ready instance of the component its host names.
 * A configuration change restarts it (DS reactivates the component), which starts its
 * measurements anew.
 */
@Component(immediate = true, configurationPid = "io.kato.gateway", service = GatewayMetrics.class)
@Designate(ocd = GatewayConfig.class)
public class GatewayServer implements GatewayMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private final Meter meter = new Meter();
    private final Server server;
    private final Tls tls;

    @Activate
    public GatewayServer(@Reference RouteTable routes, GatewayConfig config) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("kato-gateway");
        server = new Server(threads);
        HttpConfiguration settings = new HttpConfiguration();
        settings.setSendServerVersion(false); // the instance's own Server and Date headers pass through
        settings.setSendDateHeader(false);
        ServerConnector http = new ServerConnector(server, 1, 1, new HttpConnectionFactory(settings));
        http.setHost(config.host());
        http.setPort(config.httpPort());
        server.addConnector(http);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        Picker picker = new Picker();
        Guard guard = new Guard();
        ServletHolder proxy = new ServletHolder(new GatewayServlet(routes, picker, guard, meter));
        proxy.setAsyncSupported(true);
        // the proxy's client shares the server's threads rather than handing every response over to a pool of its own
        context.setAttribute("org.eclipse.jetty.server.Executor", threads);
        proxy.setInitParameter("maxConnections", Integer.toString(config.maxConnectionsPerInstance()));
        proxy.setInitParameter("timeout", Long.toString(config.timeoutSeconds() * 1000L));
        proxy.setInitParameter("idleTimeout", "30000");
        context.addServlet(proxy, "/*");
        // upgrades (WebSocket) first: Jetty's proxy servlet does not carry them
        server.setHandler(new org.eclipse.jetty.server.handler.HandlerList(new UpgradeHandler(routes, picker, guard),
                context));
        server.setStopTimeout(5000);
        // Jetty looks some classes up through the context class loader; under OSGi that must be ours.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(GatewayServer.class.getClassLoader());
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("The gateway cannot listen on " + config.host() + ":" + config.httpPort()
                    + " (" + e.getMessage() + "): free the port or set httpPort in etc/io.kato.gateway.cfg", e);
        } finally {
            current.setContextClassLoader(previous);
        }
        tls = config.httpsPort() < 0 ? null : new Tls(server, routes, config.host(), config.httpsPort(), settings);
        LOG.info("Gateway listening on http://{}:{}/ (default domains *.{})", config.host(), port(),
                config.baseDomain());
    }

    @Override
    public Optional<ComponentPerformance> performance(String team, String component) {
        return meter.performance(team, component);
    }

    @Override
    public List<ComponentPerformance> all() {
        return meter.all();
    }

    /** The HTTPS port it listens on now, or -1 while no certificate is uploaded. */
    public int httpsPort() {
        return tls == null ? -1 : tls.port();
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Deactivate
    void deactivate() throws Exception {
        if (tls != null) {
            tls.close();
        }
        server.stop();
    }
}
