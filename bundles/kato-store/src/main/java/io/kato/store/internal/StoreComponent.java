package io.kato.store.internal;

import io.kato.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the configured database, migrates it, and only then registers the
 * {@link Store} service, so that nothing in Kato ever sees an old schema. The driver is
 * chosen through the {@code dataSourceFactory.target} filter of {@code etc/io.kato.store.cfg}.
 */
@Component(configurationPid = "io.kato.store", configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = StoreComponent.Config.class)
public class StoreComponent {
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    @ObjectClassDefinition(name = "Kato store", description = "The database Kato keeps its state in")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL; empty means embedded Derby under ${karaf.data}/kato/db")
        String url() default "";

        @AttributeDefinition(description = "Database user")
        String user() default "";

        @AttributeDefinition(description = "Database password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Which JDBC driver service to use, e.g. (osgi.jdbc.driver.name=derby)")
        String dataSourceFactory_target() default "(osgi.jdbc.driver.name=derby)";
    }

    private final ServiceRegistration<Store> registration;
    private final DataSourceFactory factory;
    private final String url;

    @Activate
    public StoreComponent(BundleContext context, Config config,
                          @Reference(name = "dataSourceFactory") DataSourceFactory factory) throws SQLException {
        this.factory = factory;
        this.url = config.url().isBlank() ? defaultDerbyUrl() : config.url();
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!config.user().isBlank()) {
            props.setProperty(DataSourceFactory.JDBC_USER, config.user());
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
        }
        DataSource dataSource = factory.createDataSource(props);
        JdbcStore store = new JdbcStore(dataSource);
        int ran = new Migrator(store).migrate();
        // The URL may carry a password as a parameter: log only the product.
        LOG.info("Kato store ready on {} ({} migration(s) applied)", store.product(), ran);
        this.registration = context.registerService(Store.class, store, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (url.startsWith("jdbc:derby:") && !url.contains("memory:")) {
            shutdownDerby();
        }
    }

    /** A clean Derby shutdown makes the next start skip log recovery. */
    private void shutdownDerby() {
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, url.replace(";create=true", "") + ";shutdown=true");
        try {
            factory.createDataSource(props).getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQL state 08006.
            if (!"08006".equals(expected.getSQLState())) {
                LOG.warn("Derby did not shut down cleanly: {}", expected.getMessage());
            }
        }
    }

    static String defaultDerbyUrl() {
        Path dir = Path.of(System.getProperty("karaf.data", "data"), "kato");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        return "jdbc:derby:" + dir.resolve("db").toAbsolutePath() + ";create=true";
    }
}
