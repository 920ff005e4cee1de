package io.tracker.heap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives a grown heap back once the service has gone quiet. The services run SerialGC with tight free ratios
 * ({@code deploy/local/service-jvm.options}), but Serial shrinks the heap only at a full collection, and JDK 25's
 * grows the old generation at young collections instead of running one: a load that ends without a full collection
 * leaves the heap at its high-water mark (docs/BENCHMARKS.md, twentieth and twenty-first sessions). Like G1's {@code
 * G1PeriodicGCInterval}, which Serial lacks: every {@code check-every}, one reading ({@link QuietHeap}); after
 * {@code quiet-for} of allocating under {@code quiet-allocation-rate} with the heap {@code min-bytes} above its
 * floor, a full collection ({@link HeapGiveBack}) on this bean's own thread, with the free ratios {@code
 * min-free-ratio}-{@code max-free-ratio} (0-10 %) in force for it. Metrics {@code
 * tracker_heap_give_backs_total} and {@code tracker_heap_given_back_bytes_total}.
 */
@ApplicationScoped
public class HeapAtRest {
    private static final Logger LOG = Logger.getLogger(HeapAtRest.class);

    private final boolean enabled;
    private final Duration checkEvery;
    private final QuietHeap.Settings settings;
    private final HeapFreeRatios.Ratios atRest;
    private final Counter giveBacks;
    private final Counter givenBackBytes;
    private ScheduledExecutorService timer;

    HeapAtRest(
            @ConfigProperty(name = "tracker.heap.give-back.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "tracker.heap.give-back.check-every", defaultValue = "PT1S") Duration checkEvery,
            @ConfigProperty(name = "tracker.heap.give-back.quiet-for", defaultValue = "PT5S") Duration quietFor,
            @ConfigProperty(name = "tracker.heap.give-back.quiet-allocation-rate", defaultValue = "1048576")
                    long quietBytesPerSecond,
            @ConfigProperty(name = "tracker.heap.give-back.min-bytes", defaultValue = "16777216") long minBytes,
            @ConfigProperty(name = "tracker.heap.give-back.min-free-ratio", defaultValue = "0") int minFreeRatio,
            @ConfigProperty(name = "tracker.heap.give-back.max-free-ratio", defaultValue = "10") int maxFreeRatio,
            MeterRegistry registry) {
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("tracker.heap.give-back.check-every must be positive: " + checkEvery);
        }
        this.enabled = enabled;
        this.checkEvery = checkEvery;
        this.settings = new QuietHeap.Settings(quietFor, quietBytesPerSecond, minBytes);
        this.atRest = new HeapFreeRatios.Ratios(minFreeRatio, maxFreeRatio);
        this.giveBacks = Counter.builder("tracker.heap.give.backs")
                .description("full collections run to give a grown heap back once the service went quiet")
                .register(registry);
        this.givenBackBytes = Counter.builder("tracker.heap.given.back.bytes")
                .description("committed heap given back by those rounds")
                .baseUnit("bytes")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        HeapGiveBack jvm = HeapGiveBack.ofThisJvm(atRest);
        if (!enabled || jvm == null) {
            LOG.infof("heap give-back off (%s)", enabled ? "this JVM does not count allocated bytes" : "by config");
            return;
        }
        QuietHeap quiet = new QuietHeap(settings);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-at-rest");
            t.setDaemon(true);
            return t;
        });
        long period = checkEvery.toNanos();
        timer.scheduleWithFixedDelay(() -> check(jvm, quiet), period, period, TimeUnit.NANOSECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void check(HeapGiveBack jvm, QuietHeap quiet) {
        try {
            if (!quiet.observe(jvm.reading(System.nanoTime()))) {
                return;
            }
            HeapGiveBack.Outcome o = jvm.giveBack();
            if (o == null) {
                return; // other free ratios held: not at rest
            }
            quiet.gaveBack(o.committedAfter());
            giveBacks.increment();
            givenBackBytes.increment(o.givenBack());
            LOG.infof(
                    "quiet for %s: gave back %d MB of heap (committed %d -> %d MB; a full collection of %d ms, free"
                            + " ratios %s)",
                    settings.quietFor(),
                    o.givenBack() >> 20,
                    o.committedBefore() >> 20,
                    o.committedAfter() >> 20,
                    TimeUnit.NANOSECONDS.toMillis(o.nanos()),
                    atRest);
        } catch (RuntimeException e) {
            LOG.warnf("heap give-back check failed: %s", e.toString());
        }
    }
}
