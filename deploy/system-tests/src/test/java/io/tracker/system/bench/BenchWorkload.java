package io.tracker.system.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commands of the benchmark: a mix over many streams of both command services, valid under the deciders'
 * rules. Negotiations are opened up front (and investments announced, linked to them); the mix then records
 * leaders' meetings (a participant of every party), talks (with participants), MOUs (a signatory of every
 * party), announces new investments linked to known negotiations, and revises investments (each revision
 * states new jobs, so it always changes the figures).
 * <p>
 * A client picks a stream with no command in flight when it finds one (few streams for many clients do get
 * concurrent writers); a share of the commands goes to a few hot streams on purpose ({@link ClientMix}).
 */
final class BenchWorkload {
    static final String NEGOTIATION = "negotiation-service";
    static final String INVESTMENT = "investment-service";

    /** One command: where it goes, the stream it writes, its body; {@code created} for a stream's creation. */
    record Cmd(
            String service,
            String streamType,
            String streamId,
            String path,
            String body,
            boolean creates,
            int slot,
            boolean watched,
            String idempotencyKey,
            Long ifMatch,
            int token,
            boolean retry) {
        Cmd(
                String service,
                String streamType,
                String streamId,
                String path,
                String body,
                boolean creates,
                int slot,
                boolean watched) {
            this(service, streamType, streamId, path, body, creates, slot, watched, null, null, 0, false);
        }

        Cmd with(String key, Long expected, int tokenIndex, boolean retried) {
            return new Cmd(
                    service,
                    streamType,
                    streamId,
                    path,
                    body,
                    creates,
                    slot,
                    watched,
                    key,
                    expected,
                    tokenIndex,
                    retried);
        }
    }

    /**
     * How clients behave, the same in every phase: {@code keyed} of the commands carry an Idempotency-Key and
     * {@code retried} of those are sent a second time once answered (a client that lost the answer); {@code ifMatch}
     * of the commands on an existing stream carry If-Match with the version this client last saw; {@code contended}
     * of the commands go to a few hot streams without waiting for the command in flight there (concurrent writers:
     * 409/412 are expected and counted); commands are spread over {@code tokens} distinct bearer tokens.
     */
    record ClientMix(double keyed, double retried, double ifMatch, double contended, int hotStreams, int tokens) {
        static final ClientMix DEFAULT = new ClientMix(0.30, 0.20, 0.30, 0.03, 8, 4);
    }

    /**
     * Which streams a phase writes: {@code limit} &gt; 0 keeps the commands on the first {@code limit} streams (the
     * streams curve; announcements still create new ones); {@code longStreams} writes only the long streams.
     */
    record Scope(int limit, boolean longStreams) {
        static final Scope ALL = new Scope(0, false);
    }

    /** The mix, in per mille: leaders 200, talks 200, MOU 150, announcement 100, revision 350. */
    private static final int LEADERS = 200;

    private static final int TALKS = LEADERS + 200;
    private static final int MOU = TALKS + 150;
    private static final int ANNOUNCE = MOU + 100;

    private static final String SOURCES = "[{\"title\": \"Benchmark source: industrial cooperation update\","
            + " \"publisher\": \"Benchmark Wire\", \"published\": \"2025-11-02\", \"url\": null, \"kind\": \"NEWS\"}]";
    private static final String PEOPLE =
            "[{\"name\": \"Mélanie Joly\", \"role\": \"Minister of Industry\", \"country\": \"CA\"},"
                    + " {\"name\": \"Jung-Kwan Kim\", \"role\": \"Minister of Trade, Industry and Resources\", \"country\": \"KR\"}]";

    final int slots;
    /** Streams with a command in flight: a client avoids sending a second one (it would only conflict). */
    private final java.util.Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The version each stream had in its last accepted answer (its ETag): what a client sends as If-Match. */
    private final java.util.Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<String> negotiations = new ArrayList<>();
    private final List<String> investments = new ArrayList<>();
    final List<String> watched = new ArrayList<>();
    private final List<String> allNegotiations = new ArrayList<>();
    final List<String> longNegotiations = new ArrayList<>();
    final List<String> longInvestments = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong(1000);
    private final String runTag;
    final ClientMix mix;
    private volatile Scope scope = Scope.ALL;

    BenchWorkload(int slots, String runTag, ClientMix mix) {
        this.slots = slots;
        this.runTag = runTag;
        this.mix = mix;
    }

    void scope(Scope s) {
        scope = s;
    }

    // ---- set-up commands

    Cmd openNegotiation(int i, boolean watch) {
        String id = (watch ? "watch-" : "neg-") + runTag + "-" + i;
        String body = "{\"id\": \"" + id + "\", \"title\": \"Benchmark negotiation " + i
                + ": autos, batteries and critical minerals\","
                + " \"parties\": [\"CA\", \"KR\"], \"description\": \"High-level talks on automotive manufacturing investment,"
                + " electric vehicles, batteries and critical minerals (benchmark stream).\","
                + " \"fact\": {\"date\": \"2025-10-late\", \"status\": \"OCCURRED\", \"participants\": [], \"place\": null,"
                + " \"focusAreas\": [\"AUTOMOTIVE_MANUFACTURING\", \"ELECTRIC_VEHICLES\", \"INVESTMENT\"], \"sources\": "
                + SOURCES + "}}";
        return new Cmd(NEGOTIATION, "negotiation", id, "/negotiations", body, true, i % slots, watch);
    }

    /** Called once a negotiation exists. */
    synchronized void negotiationOpened(Cmd c) {
        if (c.watched()) {
            watched.add(c.streamId());
        } else {
            negotiations.add(c.streamId());
        }
        allNegotiations.add(c.streamId());
    }

    Cmd announce(int slot) {
        long n = seq.incrementAndGet();
        String id = "inv-" + runTag + "-" + n;
        String negotiation;
        synchronized (this) {
            negotiation = allNegotiations.get(ThreadLocalRandom.current().nextInt(allNegotiations.size()));
        }
        String body = "{\"investmentId\": \"" + id + "\", \"project\": \"Benchmark EV battery cell plant " + n + "\","
                + " \"investor\": {\"name\": \"Benchmark Energy Solution\", \"country\": \"KR\"}, \"partners\": [],"
                + " \"sector\": \"BATTERY_CELLS\", \"site\": {\"city\": \"Windsor\", \"province\": \"CA-ON\", \"country\": \"CA\"},"
                + " \"amount\": {\"amount\": \"" + (1_000_000_000L + n)
                + ".00\", \"currency\": \"CAD\"}, \"expectedJobs\": " + (n % 5000)
                + ", \"negotiationIds\": [\"" + negotiation
                + "\"], \"businessDate\": \"2025-11\", \"status\": \"ANNOUNCED\","
                + " \"sources\": " + SOURCES + "}";
        return new Cmd(INVESTMENT, "investment", id, "/investments", body, true, slot, false);
    }

    /** Called once an investment exists. */
    synchronized void investmentAnnounced(Cmd c) {
        investments.add(c.streamId());
    }

    // ---- the mix

    /**
     * Moves {@code perType} negotiations and investments to the long-stream pool (out of the ordinary ones): the
     * long-stream phase grows them to 1,000+ events and writes only them.
     */
    synchronized void reserveLongStreams(int perType) {
        for (int i = 0; i < perType && negotiations.size() > 1 && investments.size() > 1; i++) {
            longNegotiations.add(negotiations.remove(negotiations.size() - 1));
            longInvestments.add(investments.remove(investments.size() - 1));
        }
    }

    /** The lowest version among the long streams (0 while one has never been answered). */
    synchronized long longStreamsMinVersion() {
        long min = Long.MAX_VALUE;
        for (String id : longNegotiations) {
            min = Math.min(min, versions.getOrDefault(id, 0L));
        }
        for (String id : longInvestments) {
            min = Math.min(min, versions.getOrDefault(id, 0L));
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /**
     * The next command of the mix, with the client behaviour of {@link ClientMix}; {@code watchedShare}: how many
     * negotiation commands go to watched streams.
     */
    Cmd next(int client, double watchedShare) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Scope sc = scope;
        boolean hot = !sc.longStreams() && rnd.nextDouble() < mix.contended();
        Cmd c = command(client, watchedShare, sc, hot, rnd);
        String key = rnd.nextDouble() < mix.keyed() ? "bench-" + runTag + "-" + seq.incrementAndGet() : null;
        boolean retry = key != null && rnd.nextDouble() < mix.retried();
        Long expected = null;
        if (!c.creates() && rnd.nextDouble() < mix.ifMatch()) {
            expected = versions.get(c.streamId());
        }
        return c.with(key, expected, rnd.nextInt(Math.max(1, mix.tokens())), retry);
    }

    private Cmd command(int slot, double watchedShare, Scope sc, boolean hot, ThreadLocalRandom rnd) {
        int r = rnd.nextInt(1000);
        List<String> invs = sc.longStreams() ? longInvestments : investments;
        List<String> negs = sc.longStreams() ? longNegotiations : negotiations;
        int invLimit = sc.limit() > 0 ? Math.max(1, sc.limit() / 3) : 0;
        int negLimit = sc.limit() > 0 ? Math.max(1, sc.limit() - invLimit) : 0;
        if (r >= ANNOUNCE || (sc.longStreams() && r >= MOU)) {
            String inv = hot ? pickHot(invs, rnd) : pick(invs, invLimit, rnd);
            if (inv != null) {
                return revise(inv, slot);
            }
        }
        if (r >= MOU) {
            return announce(slot);
        }
        boolean watch = !hot && !sc.longStreams() && watchedShare > 0 && rnd.nextDouble() < watchedShare;
        String neg = watch ? pick(watched, 0, rnd) : hot ? pickHot(negs, rnd) : pick(negs, negLimit, rnd);
        if (neg == null) {
            return announce(slot);
        }
        if (r < LEADERS) {
            return negotiationCommand(
                    neg,
                    "/leaders-meetings",
                    "{\"summary\": \"The leaders met and set the stage for deeper"
                            + " economic cooperation (benchmark " + seq.incrementAndGet() + ").\", \"fact\": "
                            + fact("\"OCCURRED\"", "[\"AUTOMOTIVE_MANUFACTURING\", \"TRADE\", \"INVESTMENT\"]") + "}",
                    slot,
                    watch);
        }
        if (r < TALKS) {
            return negotiationCommand(
                    neg,
                    "/talks",
                    "{\"level\": \"DELEGATION\", \"summary\": \"The minister met the delegation on"
                            + " industrial cooperation in auto and battery manufacturing (benchmark "
                            + seq.incrementAndGet() + ").\","
                            + " \"fact\": " + fact("\"OCCURRED\"", "[\"BATTERIES\", \"CRITICAL_MINERALS\", \"TRADE\"]")
                            + "}",
                    slot,
                    watch);
        }
        return negotiationCommand(
                neg,
                "/mous",
                "{\"title\": \"Memorandum of understanding on industrial collaboration on future"
                        + " mobility (benchmark " + seq.incrementAndGet() + ")\", \"signatories\": " + PEOPLE
                        + ", \"fact\": "
                        + fact("\"OCCURRED\"", "[\"FUTURE_MOBILITY\", \"ELECTRIC_VEHICLES\", \"BATTERIES\"]") + "}",
                slot,
                watch);
    }

    private Cmd revise(String investment, int slot) {
        long n = seq.incrementAndGet();
        String body = "{\"amount\": {\"amount\": \"" + (2_000_000_000L + n)
                + ".00\", \"currency\": \"CAD\"}, \"expectedJobs\": " + (n % 1_000_000)
                + ", \"businessDate\": \"2025-12\", \"status\": \"ANNOUNCED\", \"sources\": " + SOURCES + "}";
        return new Cmd(
                INVESTMENT,
                "investment",
                investment,
                "/investments/" + investment + "/revisions",
                body,
                false,
                slot,
                false);
    }

    private static Cmd negotiationCommand(String id, String suffix, String body, int slot, boolean watch) {
        return new Cmd(NEGOTIATION, "negotiation", id, "/negotiations/" + id + suffix, body, false, slot, watch);
    }

    private static String fact(String status, String focus) {
        return "{\"date\": \"2025-10-late\", \"status\": " + status + ", \"participants\": " + PEOPLE + ","
                + " \"place\": {\"city\": \"Gyeongju\", \"country\": \"KR\"}, \"focusAreas\": " + focus
                + ", \"sources\": " + SOURCES + "}";
    }

    /**
     * A stream of the first {@code limit} of the list (all for 0) with no command in flight if one is found in 20
     * tries; otherwise a busy one (few streams for many clients: concurrent writers, as it would be).
     */
    private String pick(List<String> list, int limit, ThreadLocalRandom rnd) {
        synchronized (this) {
            int n = limit > 0 ? Math.min(limit, list.size()) : list.size();
            if (n == 0) {
                return null;
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                String id = list.get(rnd.nextInt(n));
                if (busy.add(id)) {
                    return id;
                }
            }
            return list.get(rnd.nextInt(n));
        }
    }

    /** One of the first {@link ClientMix#hotStreams()} streams, busy or not: a concurrent writer. */
    private String pickHot(List<String> list, ThreadLocalRandom rnd) {
        synchronized (this) {
            int n = Math.min(mix.hotStreams(), list.size());
            return n == 0 ? null : list.get(rnd.nextInt(n));
        }
    }

    /** A command was answered (version: its ETag's, or -1): its stream is free again, its version known. */
    void done(Cmd c, long version) {
        busy.remove(c.streamId());
        if (version > 0) {
            versions.merge(c.streamId(), version, Math::max);
        }
    }

    synchronized int negotiationCount() {
        return allNegotiations.size();
    }

    synchronized List<String> allNegotiations() {
        return List.copyOf(allNegotiations);
    }

    synchronized int investmentCount() {
        return investments.size();
    }

    /** Ordinary streams (not watched, not long) of both kinds. */
    synchronized int streamCount() {
        return negotiations.size() + investments.size();
    }
}
