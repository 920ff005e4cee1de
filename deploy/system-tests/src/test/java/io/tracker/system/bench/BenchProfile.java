package io.tracker.system.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What a run measures and for how long: {@code quick} (about 6 minutes from start-up to report, for iteration)
 * or {@code full} (about 30 minutes on the 2-core machine). Both run the same phases of the same shapes; quick
 * has shorter windows and fewer points of the scaling curves (a subset of full's), so two runs of either
 * compare figure by figure. Any value can be overridden with its {@code -Dbench.*} property.
 */
record BenchProfile(
        String name,
        int negotiations,
        int investments,
        int watched,
        int warmupSeconds,
        int warmupMaxSeconds,
        double warmupReadRate,
        int warmupReadSeconds,
        int warmupReadMaxSeconds,
        int windows,
        int idleSeconds,
        List<Double> rates,
        int rateWindowSeconds,
        boolean readers,
        int clients,
        int saturationWindowSeconds,
        List<Integer> concurrency,
        int concurrencyWindowSeconds,
        List<Integer> streams,
        int streamsWindowSeconds,
        int longStreamsPerType,
        int longEvents,
        int longClients,
        int longWindowSeconds,
        int burstSeconds,
        int pgbenchSeconds,
        boolean rebuild,
        boolean compareNotDurable,
        int quietWaitSeconds,
        int tokens) {

    static BenchProfile quick() {
        return new BenchProfile(
                "quick",
                1000,
                500,
                20,
                30,
                30,
                300.0,
                10,
                30,
                3,
                10,
                List.of(100.0, 300.0, 1000.0),
                5,
                true,
                64,
                5,
                List.of(1, 16, 128),
                3,
                List.of(100, 1000),
                3,
                4,
                1000,
                4,
                5,
                10,
                5,
                true,
                false,
                0,
                4);
    }

    static BenchProfile full() {
        return new BenchProfile(
                "full",
                13000,
                7000,
                50,
                60,
                300,
                300.0,
                120,
                240,
                3,
                30,
                List.of(100.0, 300.0, 1000.0),
                20,
                true,
                64,
                20,
                List.of(1, 4, 16, 64, 128),
                8,
                List.of(100, 1000, 5000, 20000),
                8,
                8,
                1000,
                8,
                10,
                10,
                15,
                true,
                true,
                300,
                4);
    }

    /** The profile named by {@code bench.run} (default full), with every {@code -Dbench.*} override applied. */
    static BenchProfile fromSystemProperties() {
        String name = System.getProperty("bench.run", "full");
        BenchProfile p =
                switch (name) {
                    case "quick" -> quick();
                    case "full" -> full();
                    default -> throw new IllegalArgumentException("bench.run is quick or full, not " + name);
                };
        return new BenchProfile(
                p.name,
                i("bench.negotiations", p.negotiations),
                i("bench.investments", p.investments),
                i("bench.watched", p.watched),
                i("bench.warmupSeconds", p.warmupSeconds),
                i("bench.warmupMaxSeconds", p.warmupMaxSeconds),
                d("bench.warmupReadRate", p.warmupReadRate),
                i("bench.warmupReadSeconds", p.warmupReadSeconds),
                i("bench.warmupReadMaxSeconds", p.warmupReadMaxSeconds),
                i("bench.windows", p.windows),
                i("bench.idleSeconds", p.idleSeconds),
                doubles("bench.rates", p.rates),
                i("bench.rateWindowSeconds", p.rateWindowSeconds),
                b("bench.readers", p.readers),
                i("bench.clients", p.clients),
                i("bench.saturationWindowSeconds", p.saturationWindowSeconds),
                ints("bench.concurrency", p.concurrency),
                i("bench.concurrencyWindowSeconds", p.concurrencyWindowSeconds),
                ints("bench.streams", p.streams),
                i("bench.streamsWindowSeconds", p.streamsWindowSeconds),
                i("bench.longStreams", p.longStreamsPerType),
                i("bench.longEvents", p.longEvents),
                i("bench.longClients", p.longClients),
                i("bench.longWindowSeconds", p.longWindowSeconds),
                i("bench.burstSeconds", p.burstSeconds),
                i("bench.pgbenchSeconds", p.pgbenchSeconds),
                b("bench.rebuild", p.rebuild),
                b("bench.compareNotDurable", p.compareNotDurable),
                i("bench.quietWaitSeconds", p.quietWaitSeconds),
                i("bench.tokens", p.tokens));
    }

    private static int i(String key, int dflt) {
        return Integer.getInteger(key, dflt);
    }

    private static double d(String key, double dflt) {
        String v = System.getProperty(key);
        return v == null ? dflt : Double.parseDouble(v.trim());
    }

    private static boolean b(String key, boolean dflt) {
        return Boolean.parseBoolean(System.getProperty(key, Boolean.toString(dflt)));
    }

    private static List<Double> doubles(String key, List<Double> dflt) {
        String v = System.getProperty(key);
        return v == null
                ? dflt
                : Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(Double::parseDouble)
                        .toList();
    }

    private static List<Integer> ints(String key, List<Integer> dflt) {
        String v = System.getProperty(key);
        return v == null
                ? dflt
                : Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(Integer::parseInt)
                        .toList();
    }
}
