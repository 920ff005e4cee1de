package io.tracker.core.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tracker.core.store.DedicatedConnections;
import io.tracker.core.store.EventStore;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Two dedicated database connections of the relay: one holds a session advisory lock, so that only one
 * replica publishes (which keeps the order); one LISTENs for the notification every append sends on commit.
 */
@ApplicationScoped
class RelayLeadership {
    private static final Logger LOG = Logger.getLogger(RelayLeadership.class);
    private static final long LOCK_ID = 0x7261_7921L;
    private static final AtomicReferenceFieldUpdater<RelayLeadership, PgConnection> LOCK_CONNECTION =
            AtomicReferenceFieldUpdater.newUpdater(RelayLeadership.class, PgConnection.class, "lockConnection");

    private final DedicatedConnections connections;
    /** Volatile: the close handler of a session reads it on the event loop, without the monitor. */
    private volatile PgConnection lockConnection;

    private PgSubscriber subscriber;
    private Runnable onNotification = () -> {};
    private volatile boolean leader;
    /** Counts the times this replica took the lock: a relay that sees it change reads the checkpoint again. */
    private volatile long term;

    RelayLeadership(DedicatedConnections connections) {
        this.connections = connections;
    }

    void onNotification(Runnable callback) {
        this.onNotification = callback;
    }

    boolean isLeader() {
        return leader;
    }

    /** True when this replica holds (or just took) the relay lock; reconnects what was lost. */
    synchronized boolean tryAcquire() {
        listen();
        if (leader) {
            return true;
        }
        try {
            if (lockConnection == null) {
                PgConnection connection = connections.connect().await().atMost(Duration.ofSeconds(10));
                lockConnection = connection;
                // only this connection's end loses the lock: an earlier one, closed by release() or lost(), reports
                // its end later, while a newer connection may hold the lock by then
                connection.closeHandler(() -> ended(connection));
            }
            leader = lockConnection
                    .query("select pg_try_advisory_lock(" + LOCK_ID + ")")
                    .execute()
                    .await()
                    .atMost(Duration.ofSeconds(10))
                    .iterator()
                    .next()
                    .getBoolean(0);
            if (leader) {
                term++;
                LOG.info("outbox relay: this replica publishes the event log");
            }
            return leader;
        } catch (RuntimeException e) {
            lost();
            throw e;
        }
    }

    long term() {
        return term;
    }

    /** The session that holds the lock (null when this replica does not hold it). */
    synchronized PgConnection lockConnection() {
        return leader ? lockConnection : null;
    }

    private void listen() {
        if (subscriber != null && !subscriber.closed()) {
            return;
        }
        subscriber = connections.subscriber();
        subscriber.channel(EventStore.NOTIFY_CHANNEL).handler(payload -> onNotification.run());
        try {
            subscriber.connect().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay: cannot LISTEN (%s); polling every few seconds until it can", e.getMessage());
            subscriber = null;
        }
    }

    /**
     * A session ended (or broke): the lock is gone with it if it was the current one. Called on the event loop,
     * so it never waits for the monitor: tryAcquire holds it while it waits for the event loop (a connect, a
     * query), and would wait for nothing until its timeout.
     */
    void ended(PgConnection connection) {
        if (LOCK_CONNECTION.compareAndSet(this, connection, null)) { // already closed; tryAcquire connects again
            leader = false;
        }
    }

    private synchronized void lost() {
        leader = false;
        if (lockConnection != null) {
            lockConnection.closeAndForget();
            lockConnection = null;
        }
    }

    synchronized void release() {
        lost();
        if (subscriber != null) {
            subscriber.closeAndForget(); // close() alone is a lazy Uni: it closed nothing
            subscriber = null;
        }
    }
}
