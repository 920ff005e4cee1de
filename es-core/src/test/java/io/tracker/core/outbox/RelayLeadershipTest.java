package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.DedicatedConnections;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * The end of an earlier lock session (closed by release(), its close reported later) does not drop the session
 * that holds the lock now: it used to, so a restarted relay lost the lock it had just taken, read its checkpoint
 * again and, with another replica waiting, could have a second publisher start beside a send still in flight.
 */
@QuarkusTest
class RelayLeadershipTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DedicatedConnections connections;

    @Inject
    OutboxRelay applicationRelay;

    @Test
    void theLateCloseOfAnEarlierSessionKeepsTheCurrentOne() throws InterruptedException {
        applicationRelay.stop(); // its lock would keep this test's leadership from taking it
        RelayLeadership leadership = new RelayLeadership(connections);
        try {
            awaitLeader(leadership);
            PgConnection earlier = leadership.lockConnection();
            assertNotNull(earlier);
            leadership.release();
            awaitLeader(leadership); // a new session, once the earlier one's lock is gone
            PgConnection current = leadership.lockConnection();
            assertNotSame(earlier, current);
            long term = leadership.term();

            leadership.ended(earlier); // the earlier session's close, reported now

            assertTrue(leadership.isLeader(), "still the publishing replica");
            assertSame(current, leadership.lockConnection(), "the current session is kept");
            assertTrue(leadership.tryAcquire());
            assertTrue(term == leadership.term(), "no new term: the relay does not read its checkpoint again");

            current.close().await().atMost(WAIT); // the current session's own end does lose the lock
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (leadership.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(leadership.isLeader(), "the end of the session that held the lock loses it");
            assertTrue(leadership.lockConnection() == null);
        } finally {
            leadership.release();
            applicationRelay.start();
        }
    }

    private static void awaitLeader(RelayLeadership leadership) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!leadership.tryAcquire()) {
            assertTrue(System.nanoTime() < deadline, "took the relay lock");
            Thread.sleep(50);
        }
    }
}
