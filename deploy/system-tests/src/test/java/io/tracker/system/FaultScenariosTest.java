package io.tracker.system;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The faults of the reliability issue, with real processes, on one system started once (Kafka and PostgreSQL in
 * processes of their own, the three services from their jars): a broker outage ({@link BrokerOutageScenario}), a
 * SIGKILL of the projection ({@link ProjectionKillScenario}), PostgreSQL stopped and crashed under load
 * ({@link DatabaseOutageScenario}), two writers with the same expected version ({@link ConcurrentWritersScenario}),
 * poison records ({@link PoisonRecordsScenario}); each in a class of its own, which {@link Accounting} ends. Each
 * scenario writes streams
 * of its own (prefix {@code s<n>-}), counts sent / accepted / stored / published / projected / lost / duplicated
 * independently, asserts that nothing is lost or duplicated, and reports the counts (see {@link ReliabilityReport}:
 * always {@code target/RELIABILITY.md}; {@code docs/RELIABILITY.md} with {@code -Dreliability.write-docs=true}).
 * A scenario starts by bringing back whatever an earlier failed one left stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {
    private final ReliabilityReport report = new ReliabilityReport();
    private SystemUnderTest sut;
    private long suiteStart;

    interface Body {
        void run(ReliabilityReport.Scenario r) throws Exception;
    }

    @BeforeAll
    void startTheSystem() throws Exception {
        suiteStart = System.nanoTime();
        sut = new SystemUnderTest("faults");
        sut.startAll();
        report.bootTime(Duration.ofNanos(System.nanoTime() - suiteStart));
    }

    @AfterAll
    void stopTheSystem() {
        if (sut != null) {
            sut.close();
        }
        if (ReliabilityReport.writeDocsRequested()) {
            report.writeDocs(Duration.ofNanos(System.nanoTime() - suiteStart));
        }
    }

    private void scenario(ReliabilityReport.Scenario r, Body body) throws Exception {
        try {
            sut.ensureAllUp();
            body.run(r);
            r.passed();
        } catch (Exception | Error e) {
            r.failed(e);
            throw e;
        } finally {
            report.appendToTarget(r);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void brokerStoppedWhileCommandsKeepComing() throws Exception {
        scenario(BrokerOutageScenario.describedIn(report), new BrokerOutageScenario(sut)::run);
    }

    @Test
    @Order(2)
    void projectionKilledMidStream() throws Exception {
        scenario(ProjectionKillScenario.describedIn(report), new ProjectionKillScenario(sut)::run);
    }

    @Test
    @Order(3)
    void databaseStoppedUnderLoad() throws Exception {
        scenario(DatabaseOutageScenario.stoppedDescribedIn(report), DatabaseOutageScenario.stopped(sut)::run);
    }

    @Test
    @Order(4)
    void twoWritersWithTheSameExpectedVersion() throws Exception {
        scenario(ConcurrentWritersScenario.describedIn(report), new ConcurrentWritersScenario(sut)::run);
    }

    @Test
    @Order(5)
    void poisonRecordsAreDeadLettered() throws Exception {
        scenario(PoisonRecordsScenario.describedIn(report), new PoisonRecordsScenario(sut)::run);
    }

    @Test
    @Order(6)
    void databaseCrashedUnderLoad() throws Exception {
        scenario(DatabaseOutageScenario.crashedDescribedIn(report), DatabaseOutageScenario.crashed(sut)::run);
    }
}
