package io.tracker.system.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The processes' memory: each service's resident memory and heap at named moments of the run, and its peak
 * resident memory sampled every second.
 */
final class MemoryReadings {
    private final BenchSystem sys;
    private final BenchReport report;
    private final Map<String, Long> peakRss;
    private final Map<String, Map<String, Long>> rssAt;
    private final Map<String, Map<String, Object>> heapAt;
    private final TopLevel top;
    static final int SETTLE_SECONDS = 10;
    static final String AFTER_LOAD = "after load";
    static final String SETTLED = "after load, settled";

    MemoryReadings(BenchRun run) {
        this.sys = run.sys();
        this.report = run.report();
        this.peakRss = run.tables().peakRss;
        this.rssAt = run.tables().rssAt;
        this.heapAt = run.tables().heapAt;
        this.top = run.top();
    }

    Thread rssSampler(AtomicBoolean running) {
        Thread t = new Thread(
                () -> {
                    while (running.get()) {
                        for (String svc : BenchSystem.SERVICES) {
                            try {
                                long kb = BenchSystem.rssKb(sys.pid(svc));
                                peakRss.merge(svc, kb, Math::max);
                            } catch (RuntimeException e) {
                                // restarting
                            }
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The RSS right after the load (the answers in, ~3 s after the last one) and once the services have been quiet
     * for {@link #SETTLE_SECONDS}: long enough for heap-at-rest to give a grown heap back (5 s under 1 MB/s of
     * allocation, checked every second). Both are top-level figures.
     */
    void afterLoad() {
        rss(AFTER_LOAD);
        BenchSystem.sleep(SETTLE_SECONDS * 1000L);
        rss(SETTLED);
        Map<String, Long> after = rssAt.get(AFTER_LOAD);
        Map<String, Long> settled = rssAt.get(SETTLED);
        BenchSystem.SERVICES.forEach(svc -> {
            top.rssMbAfterLoad.put(svc, after.get(svc));
            top.rssMbAfterLoadSettled.put(svc, settled.get(svc));
        });
    }

    void rss(String when) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            m.put(svc, BenchSystem.rssKb(sys.pid(svc)) / 1024);
        }
        m.put("kafka (broker JVM)", BenchSystem.rssKb(sys.kafkaPid()) / 1024);
        rssAt.put(when, m);
        report.log("RSS MB %s: %s", when, m);
        Map<String, Object> heap = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            heap.put(svc, HeapFigures.of(sys.metrics(svc)).json());
        }
        heapAt.put(when, heap);
        report.log("heap %s: %s", when, heap);
    }
}
