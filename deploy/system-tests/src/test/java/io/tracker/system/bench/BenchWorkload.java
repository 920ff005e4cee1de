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
 * Streams are held in {@code slots}: a closed-loop client {@code k} only uses slot {@code k}, so no two of its
 * clients write the same stream at the same time; the open-loop generator picks a random slot.
 */
final class BenchWorkload {
    static final String NEGOTIATION = "negotiation-service";
    static final String INVESTMENT = "investment-service";

    /** One command: where it goes, the stream it writes, its body; {@code created} for a stream's creation. */
    record Cmd(String service, String streamType, String streamId, String path, String body, boolean creates,
            int slot, boolean watched) {
    }

    /** The mix, in per mille: leaders 200, talks 200, MOU 150, announcement 100, revision 350. */
    private static final int LEADERS = 200;
    private static final int TALKS = LEADERS + 200;
    private static final int MOU = TALKS + 150;
    private static final int ANNOUNCE = MOU + 100;

    private static final String SOURCES = "[{\"title\": \"Benchmark source: industrial cooperation update\","
            + " \"publisher\": \"Benchmark Wire\", \"published\": \"2025-11-02\", \"url\": null, \"kind\": \"NEWS\"}]";
    private static final String PEOPLE = "[{\"name\": \"Mélanie Joly\", \"role\": \"Minister of Industry\", \"country\": \"CA\"},"
            + " {\"name\": \"Jung-Kwan Kim\", \"role\": \"Minister of Trade, Industry and Resources\", \"country\": \"KR\"}]";

    final int slots;
    /** Streams with a command in flight: the open loop avoids sending a second one (it would only conflict). */
    private final java.util.Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<List<String>> negotiations = new ArrayList<>();
    private final List<List<String>> investments = new ArrayList<>();
    final List<String> watched = new ArrayList<>();
    private final List<String> allNegotiations = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong(1000);
    private final String runTag;

    BenchWorkload(int slots, String runTag) {
        this.slots = slots;
        this.runTag = runTag;
        for (int i = 0; i < slots; i++) {
            negotiations.add(new ArrayList<>());
            investments.add(new ArrayList<>());
        }
    }

    // ---- set-up commands

    Cmd openNegotiation(int i, boolean watch) {
        String id = (watch ? "watch-" : "neg-") + runTag + "-" + i;
        String body = "{\"id\": \"" + id + "\", \"title\": \"Benchmark negotiation " + i + ": autos, batteries and critical minerals\","
                + " \"parties\": [\"CA\", \"KR\"], \"description\": \"High-level talks on automotive manufacturing investment,"
                + " electric vehicles, batteries and critical minerals (benchmark stream).\","
                + " \"fact\": {\"date\": \"2025-10-late\", \"status\": \"OCCURRED\", \"participants\": [], \"place\": null,"
                + " \"focusAreas\": [\"AUTOMOTIVE_MANUFACTURING\", \"ELECTRIC_VEHICLES\", \"INVESTMENT\"], \"sources\": " + SOURCES + "}}";
        return new Cmd(NEGOTIATION, "negotiation", id, "/negotiations", body, true, i % slots, watch);
    }

    /** Called once a negotiation exists. */
    synchronized void negotiationOpened(Cmd c) {
        if (c.watched()) {
            watched.add(c.streamId());
        } else {
            negotiations.get(c.slot()).add(c.streamId());
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
                + " \"amount\": {\"amount\": \"" + (1_000_000_000L + n) + ".00\", \"currency\": \"CAD\"}, \"expectedJobs\": " + (n % 5000)
                + ", \"negotiationIds\": [\"" + negotiation + "\"], \"businessDate\": \"2025-11\", \"status\": \"ANNOUNCED\","
                + " \"sources\": " + SOURCES + "}";
        return new Cmd(INVESTMENT, "investment", id, "/investments", body, true, slot, false);
    }

    /** Called once an investment exists. */
    synchronized void investmentAnnounced(Cmd c) {
        investments.get(c.slot()).add(c.streamId());
    }

    // ---- the mix

    /** The next command of the mix for a slot; {@code watchedShare}: how many negotiation commands go to watched streams. */
    Cmd next(int slot, double watchedShare) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int r = rnd.nextInt(1000);
        if (r >= ANNOUNCE) {
            String inv = pick(investments.get(slot), rnd);
            if (inv != null) {
                return revise(inv, slot);
            }
        }
        if (r >= MOU) {
            return announce(slot);
        }
        boolean watch = watchedShare > 0 && rnd.nextDouble() < watchedShare;
        String neg = watch ? pickShared(watched, rnd) : pick(negotiations.get(slot), rnd);
        if (neg == null) {
            return announce(slot);
        }
        if (r < LEADERS) {
            return negotiationCommand(neg, "/leaders-meetings", "{\"summary\": \"The leaders met and set the stage for deeper"
                    + " economic cooperation (benchmark " + seq.incrementAndGet() + ").\", \"fact\": " + fact("\"OCCURRED\"",
                            "[\"AUTOMOTIVE_MANUFACTURING\", \"TRADE\", \"INVESTMENT\"]") + "}", slot, watch);
        }
        if (r < TALKS) {
            return negotiationCommand(neg, "/talks", "{\"level\": \"DELEGATION\", \"summary\": \"The minister met the delegation on"
                    + " industrial cooperation in auto and battery manufacturing (benchmark " + seq.incrementAndGet() + ").\","
                    + " \"fact\": " + fact("\"OCCURRED\"", "[\"BATTERIES\", \"CRITICAL_MINERALS\", \"TRADE\"]") + "}", slot, watch);
        }
        return negotiationCommand(neg, "/mous", "{\"title\": \"Memorandum of understanding on industrial collaboration on future"
                + " mobility (benchmark " + seq.incrementAndGet() + ")\", \"signatories\": " + PEOPLE + ", \"fact\": "
                + fact("\"OCCURRED\"", "[\"FUTURE_MOBILITY\", \"ELECTRIC_VEHICLES\", \"BATTERIES\"]") + "}", slot, watch);
    }

    private Cmd revise(String investment, int slot) {
        long n = seq.incrementAndGet();
        String body = "{\"amount\": {\"amount\": \"" + (2_000_000_000L + n) + ".00\", \"currency\": \"CAD\"}, \"expectedJobs\": "
                + (n % 1_000_000) + ", \"businessDate\": \"2025-12\", \"status\": \"ANNOUNCED\", \"sources\": " + SOURCES + "}";
        return new Cmd(INVESTMENT, "investment", investment, "/investments/" + investment + "/revisions", body, false, slot, false);
    }

    private static Cmd negotiationCommand(String id, String suffix, String body, int slot, boolean watch) {
        return new Cmd(NEGOTIATION, "negotiation", id, "/negotiations/" + id + suffix, body, false, slot, watch);
    }

    private static String fact(String status, String focus) {
        return "{\"date\": \"2025-10-late\", \"status\": " + status + ", \"participants\": " + PEOPLE + ","
                + " \"place\": {\"city\": \"Gyeongju\", \"country\": \"KR\"}, \"focusAreas\": " + focus + ", \"sources\": " + SOURCES + "}";
    }

    private String pick(List<String> list, ThreadLocalRandom rnd) {
        synchronized (this) {
            if (list.isEmpty()) {
                return null;
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                String id = list.get(rnd.nextInt(list.size()));
                if (busy.add(id)) {
                    return id;
                }
            }
            return list.get(rnd.nextInt(list.size()));
        }
    }

    /** A command was answered: its stream is free again. */
    void done(Cmd c) {
        busy.remove(c.streamId());
    }

    private String pickShared(List<String> list, ThreadLocalRandom rnd) {
        return pick(list, rnd);
    }

    synchronized int negotiationCount() {
        return allNegotiations.size();
    }

    synchronized List<String> allNegotiations() {
        return List.copyOf(allNegotiations);
    }

    synchronized int investmentCount() {
        return investments.stream().mapToInt(List::size).sum();
    }
}
