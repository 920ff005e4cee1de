package io.tracker.projection.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The ids of agreements whose read models changed, as they are committed: every apply transaction NOTIFYs
 * them (and a generation switch notifies {@code *}), so every replica's live-update streams hear of every
 * change, whichever replica applied it, and only once it is committed.
 */
@ApplicationScoped
public class AgreementChanges {
    private static final Logger LOG = Logger.getLogger(AgreementChanges.class);

    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    AgreementChanges(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user)
                .setPassword(password);
    }

    void onStart(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(ProjectionWriter.NOTIFY_CHANNEL).handler(changes::onNext);
        // not awaited: the HTTP server opens once the start observers have returned
        subscriber
                .connect()
                .subscribe()
                .with(
                        connected -> LOG.debug("listening for agreement changes"),
                        e -> LOG.warnf(
                                "cannot LISTEN for agreement changes (%s); live updates wait for the reconnect",
                                e.toString()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Agreement ids as their changes commit ({@code *}: any agreement may have changed). */
    public Multi<String> stream() {
        return changes;
    }
}
