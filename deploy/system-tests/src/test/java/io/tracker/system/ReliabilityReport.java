package io.tracker.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counts of the fault scenarios. Each scenario fills a {@link Scenario}; it is appended, always, to
 * {@code deploy/system-tests/target/RELIABILITY.md}; with {@code -Dreliability.write-docs=true} the whole run
 * (re)writes {@code docs/RELIABILITY.md}.
 */
final class ReliabilityReport {
    static final String COMMAND = "./mvnw -B -pl deploy/system-tests -am verify -Dreliability.write-docs=true";
    static final Path TARGET_REPORT = SystemUnderTest.ROOT.resolve("deploy/system-tests/target/RELIABILITY.md");
    static final Path DOCS_REPORT = SystemUnderTest.ROOT.resolve("docs/RELIABILITY.md");

    private final List<Scenario> scenarios = new ArrayList<>();
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    private Duration bootTime;

    /** The counts of one scenario (see the definitions in {@link #definitions()}). */
    static final class Scenario {
        final String number;
        final String name;
        final String what;
        long sent;
        long attempts;
        long accepted;
        long stored;
        long publishedDistinct;
        long publishedRecords;
        long projected;
        long lost;
        long duplicated;
        final List<String> notes = new ArrayList<>();
        String outcome = "NOT RUN";
        String failure;
        Duration duration = Duration.ZERO;
        private final long t0 = System.nanoTime();

        Scenario(String number, String name, String what) {
            this.number = number;
            this.name = name;
            this.what = what;
        }

        Scenario note(String text) {
            notes.add(text);
            return this;
        }

        void passed() {
            outcome = "PASSED";
            duration = Duration.ofNanos(System.nanoTime() - t0);
        }

        void failed(Throwable t) {
            outcome = "FAILED";
            failure = t.toString();
            duration = Duration.ofNanos(System.nanoTime() - t0);
        }

        /** One line with every count, for assertion messages. */
        String counts() {
            return "sent=" + sent + " attempts=" + attempts + " accepted=" + accepted + " stored=" + stored
                    + " published=" + publishedDistinct + "/" + publishedRecords + " projected=" + projected
                    + " lost=" + lost + " duplicated=" + duplicated;
        }

        String row() {
            return "| " + number + ". " + name + " | " + sent + " | " + accepted + " | " + stored + " | "
                    + publishedDistinct
                    + " / " + publishedRecords + " | " + projected + " | " + lost + " | " + duplicated + " | " + outcome
                    + " | " + String.join("; ", notes).replace("|", "\\|") + " |";
        }

        String section() {
            StringBuilder b = new StringBuilder();
            b.append("### ")
                    .append(number)
                    .append(". ")
                    .append(name)
                    .append(" — ")
                    .append(outcome)
                    .append(String.format(Locale.ROOT, " (%.1f s)", duration.toMillis() / 1000.0))
                    .append("\n\n");
            b.append(what).append("\n\n");
            b.append("- counts: ").append(counts()).append('\n');
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
            if (failure != null) {
                b.append("- failure: ").append(failure.replace("\n", " ")).append('\n');
            }
            return b.append('\n').toString();
        }
    }

    Scenario scenario(String number, String name, String what) {
        Scenario s = new Scenario(number, name, what);
        synchronized (scenarios) {
            scenarios.add(s);
        }
        return s;
    }

    void bootTime(Duration d) {
        bootTime = d;
    }

    /** Appends a scenario's section to target/RELIABILITY.md (with a run header the first time in a run). */
    void appendToTarget(Scenario s) {
        try {
            Files.createDirectories(TARGET_REPORT.getParent());
            boolean first;
            synchronized (scenarios) {
                first = scenarios.indexOf(s) == 0;
            }
            String text = (first
                            ? "\n## Run of " + started.format(DateTimeFormatter.ISO_INSTANT) + " on " + machine()
                                    + "\n\n"
                            : "")
                    + s.section();
            Files.writeString(TARGET_REPORT, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + TARGET_REPORT, e);
        }
    }

    static boolean writeDocsRequested() {
        return Boolean.parseBoolean(System.getProperty("reliability.write-docs", "false"));
    }

    /** (Re)writes docs/RELIABILITY.md with the scenarios of this run. */
    void writeDocs(Duration suiteTime) {
        StringBuilder b = new StringBuilder();
        b.append("# Reliability: faults with real processes\n\n");
        b.append("Measured, not estimated: this file is **generated** by the fault scenarios of `deploy/system-tests` ")
                .append("(`FaultScenariosTest`) and is rewritten each time they run with\n\n");
        b.append("```\n").append(COMMAND).append("\n```\n\n");
        b.append(
                        "(`-am` builds the services first; with them already built, `./mvnw -B -pl deploy/system-tests verify ")
                .append(
                        "-Dreliability.write-docs=true` is enough. `./mvnw -B verify` runs the same scenarios and asserts ")
                .append(
                        "the same things; it writes the counts only to `deploy/system-tests/target/RELIABILITY.md`.) Kafka (KRaft) and PostgreSQL 17 each run in a ")
                .append("process of their own (`deploy/local`'s `LocalStackMain`, `COMPONENTS=kafka|postgres`), the ")
                .append(
                        "three services from their built `target/quarkus-app/quarkus-run.jar`, on free ports; faults are ")
                .append("real: SIGTERM of the broker or the database server, SIGKILL of the projection service, real ")
                .append("concurrent HTTP requests, records produced onto the real topics.\n\n");
        b.append("- run: ")
                .append(started.format(DateTimeFormatter.ISO_INSTANT))
                .append('\n');
        b.append("- machine: ").append(machine()).append('\n');
        if (bootTime != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "- start of the whole system (PostgreSQL, Kafka, three services): %.1f s%n",
                    bootTime.toMillis() / 1000.0));
        }
        b.append(String.format(
                Locale.ROOT, "- the fault scenarios took %.1f s in all%n", suiteTime.toMillis() / 1000.0));
        b.append('\n');
        b.append(
                "| scenario | sent | accepted | stored | published (distinct / records) | projected | lost | duplicated | result | notes |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<Scenario> all;
        synchronized (scenarios) {
            all = List.copyOf(scenarios);
        }
        all.forEach(s -> b.append(s.row()).append('\n'));
        b.append('\n').append(definitions()).append('\n');
        b.append("## The scenarios\n\n");
        all.forEach(s -> b.append(s.section()));
        try {
            Files.writeString(DOCS_REPORT, b.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + DOCS_REPORT, e);
        }
    }

    static String definitions() {
        return """
                ## What the counts mean

                Each scenario writes streams of its own (ids with the scenario's prefix), so the counts of one
                scenario do not include another's, although all run on one system.

                - **sent**: distinct commands sent (each with its own `Idempotency-Key`; a retry of a refused command
                  with the same key is an *attempt*, not a new command).
                - **accepted**: commands answered 2xx (the events they appended are named in the answer).
                - **stored**: rows of the scenario's streams in the command services' `es_events` (JDBC).
                - **published**: the scenario's events on the topics, read from the beginning by a plain consumer:
                  distinct `ce_id` / records. Delivery is at least once, so records ≥ distinct is expected after a
                  broker outage (the relay re-sends what it could not see acknowledged).
                - **projected**: distinct event ids the projection answers: the entries of each negotiation's
                  timeline (`GET /agreements/{id}/timeline`, as an analyst), and for investment events the
                  projection's fact rows of the active generation.
                - **lost**: accepted events that are not projected. **duplicated**: timeline entries beyond one per
                  event id, plus fact rows beyond one per event id.
                - Every scenario asserts lost = 0 and duplicated = 0, stored = the events of the accepted commands,
                  published ⊇ stored, and that the store is consistent (stream versions, idempotency keys, the
                  relay's checkpoint).

                ## Publication latency and long transactions

                The relay publishes `es_events` itself, in commit order (transaction id, position), and reads only
                below a horizon under which no transaction can commit any more: the oldest transaction still running
                in the service's own database, or the snapshot's xmax when none runs (`CommitOrder.HORIZON` in
                es-core). What a long transaction does to publication latency:

                - **in another database of the same PostgreSQL server** (another service, an analyst's session, a
                  migration): nothing. `pg_snapshot_xmin` alone is cluster-wide and would hold every event back
                  until that transaction ended; the horizon leaves out a running transaction that
                  `pg_stat_activity` shows connected to another database (a transaction can only write in its own).
                  Measured by es-core's `PublicationLatencyTest` (an open transaction with an xid in another
                  database): the event is published in about 0.1 s (132 ms on a loaded 2-core machine), while
                  `pg_snapshot_xmin` is still below it.
                - **in the service's own database**: events committed after that transaction started wait until it
                  ends (it could still insert events numbered before them), then go out at once (the relay looks
                  again every 50 ms while events wait behind a running transaction; measured: published 95 ms
                  after the transaction ended). Never skipped. The bound is the length of the longest transaction
                  in the service's database: the services' own are short (the group commit is one statement;
                  investment-service's view update one short transaction), so in practice an operator's session
                  or a migration; bound those with `idle_in_transaction_session_timeout` and `transaction_timeout`
                  (PostgreSQL 17) on the database or role used for them.
                  `tracker_publication_oldest_unpublished_age_seconds` shows it while it happens, and
                  `tracker_publication_backlog_events` how many events wait.

                ### Per-stream order of what is published

                Publication order is commit order, (transaction id, position), so a stream's events go out in version
                order only if the writer of a stream's version n+1 has a larger transaction id than the writer of
                version n. It has: a claim at an expected version matches only a version its snapshot saw committed,
                so its statement started after that writer committed, and PostgreSQL hands out transaction ids in
                increasing order. The one case where a writer takes its id first and writes on top of a version
                committed later is a claim that waits for another writer of the row and then goes on; in a group
                (one statement, several streams, the id taken at its first claim) a claim that waited is re-checked
                by PostgreSQL (READ COMMITTED) against the row the other writer committed, whose version moved, so it
                claims nothing (a conflict). es-core's `GroupCommitOrderTest` forces exactly that interleaving with
                explicit transactions (the group takes its id on stream X and waits; a writer with a later id moves
                stream S; the group's claim on S appends nothing, S's versions carry increasing ids; and a creation
                in a group that waited while a writer with a later id created the stream appends nothing). Appends at
                `ExpectedVersion.ANY`, whose upsert does write on top of whatever committed last, go alone, outside
                groups.

                On the Kafka side the relay's producer is idempotent, acks=all, one request in flight, and never
                expires a batch on its own. When one record fails anyway, Kafka's idempotent producer can go on with the
                batches behind it (new epoch), so a stream's later events could be written while an earlier one was
                not, and the relay's resend from its checkpoint would put them there again after it. The publisher
                therefore closes the producer in the failure callback itself, on the producer's I/O thread, before that
                thread sends anything else, instead of waiting for the relay's thread to notice (which, on a loaded
                machine, can be descheduled long enough for the next batch to go out): nothing behind a failed record
                reaches the topic, and the relay resends from the first event not acknowledged. es-core's
                `OutboxPublisherTest` sends a stream's events with one in the middle that the topic refuses (larger
                than its `max.message.bytes`): the topic holds the events before it and none after it.

                The inversions once seen in es-core's `OutboxRelayTest` (a stream's later pair of versions on the
                topic before the pair before it, then both pairs again: 15-16, 13-14, 15-16) came from the relay's
                read, not from Kafka: its select list has `transaction_id::text`, whose output name is
                `transaction_id`, and PostgreSQL takes a bare name in ORDER BY for the output column, so a page was
                sorted as text, transaction 1000 before 999. The relay sent the page's later transactions first and
                took its last event (last as text, not in commit order) as the checkpoint, so the next read went
                back and sent the rest again. It happened whenever a page straddled a power of ten of the
                transaction id, which in the es-core suite is about where the broker-restart test ends; hence its
                look of an effect of the restart. Found with a diagnostic record header naming the producer and the
                round: one producer, one round, transactions 1000-1008 at partition offsets 176-183 and 985-997 at
                198-215. Both commit-order reads (the relay's and `EventStore.readAll`) now order by the qualified
                `es_events.transaction_id`; es-core's `CommitOrderAcrossDigitsTest` uses up transaction ids until a
                stream's appends straddle the next power of ten and reads them page by page with both (with the
                text order it gets the later versions first and never the earlier ones). Two smaller faults of the
                relay went with it: the late close of an earlier lock session dropped the session that held the
                lock (a new term, the checkpoint read again; `RelayLeadershipTest`), and a stop whose wake-up the
                relay had just drained left it asleep for a whole poll, holding the lock.

                The relay's checkpoint (one row) follows what the broker acknowledged at most once per
                `tracker.outbox.checkpoint-interval` (1 s; 0 saves it after every batch) or once 100 events are unsaved: the first
                batch after a quiet interval saves it at once, later ones within the interval leave it to the next save, a relay that has caught up wakes to
                save it when it comes due, and a stop saves it (`RelayCheckpointTest`, `CheckpointIntervalTest`). A save is committed without waiting for
                its WAL flush (`synchronous_commit` off for that one statement's transaction). A publisher that dies without
                stopping (a killed process) leaves the checkpoint up to an interval behind, and a crash of PostgreSQL before the WAL
                writer flushes a save (within 200 ms) brings it back a little earlier; either way the next publisher sends those
                events again: at least once, which every consumer already handles by event id. It never moves back past
                what is stored (the update is monotonic) and never ahead of what the broker acknowledged. Its statements read
                the commit-order index from the checkpoint on, in the generic plans PostgreSQL uses for prepared statements too
                (`PublicationQueryPlansTest`: a held-back check written as `select exists (...)` was a scan of the whole log).
                """;
    }

    static String machine() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        try {
            Path release = Path.of("/etc/os-release");
            if (Files.exists(release)) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        os = line.substring(12).replace("\"", "") + " (" + os + ")";
                    }
                }
            }
        } catch (IOException e) {
            // keep the JVM's view
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + memory() + " memory, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "), " + os;
    }

    private static String memory() {
        try {
            Path meminfo = Path.of("/proc/meminfo");
            if (Files.exists(meminfo)) {
                for (String line : Files.readAllLines(meminfo)) {
                    if (line.startsWith("MemTotal:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                        return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / 1024.0 / 1024.0 / 1024.0);
        }
        return "unknown";
    }
}
