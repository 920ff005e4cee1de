package io.tracker.core.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Connections of their own to the event store's database, outside the pool, for what needs a session: the relay's
 * advisory lock and its LISTEN, and tests that hold a transaction open beside the application's. The one place
 * that turns the reactive datasource's URL and credentials into connect options.
 */
@ApplicationScoped
public class DedicatedConnections {
    /** The pool's settings sent when a connection starts (Quarkus' {@code additional-properties}). */
    static final String ADDITIONAL_PROPERTIES = "quarkus.datasource.reactive.additional-properties.";

    private final Vertx vertx;
    private final PgConnectOptions options;

    public DedicatedConnections(
            Vertx vertx,
            Config config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            @ConfigProperty(name = "quarkus.datasource.reactive.cache-prepared-statements", defaultValue = "false")
                    boolean cachePreparedStatements) {
        this.vertx = vertx;
        // as the pool's connections (KeptStatements): the relay's lock connection moves the checkpoint with the same
        // statement each time, and its session starts with the same settings (e.g. plan_cache_mode)
        this.options =
                KeptStatements.keepLongStatements(PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                        .setUser(user)
                        .setPassword(password)
                        .setCachePreparedStatements(cachePreparedStatements));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(ADDITIONAL_PROPERTIES)) {
                String key = name.substring(ADDITIONAL_PROPERTIES.length()).replace("\"", "");
                config.getOptionalValue(name, String.class).ifPresent(value -> options.addProperty(key, value));
            }
        }
    }

    /** A copy of the options, which the caller may change (e.g. another database of the same server). */
    public PgConnectOptions options() {
        return new PgConnectOptions(options);
    }

    /** A new connection to the event store's database. */
    public Uni<PgConnection> connect() {
        return connect(options());
    }

    /** A new connection with the given options (from {@link #options()}). */
    public Uni<PgConnection> connect(PgConnectOptions options) {
        return PgConnection.connect(vertx, options);
    }

    /** A new LISTEN subscriber on the event store's database (not connected yet). */
    public PgSubscriber subscriber() {
        return PgSubscriber.subscriber(vertx, options());
    }
}
