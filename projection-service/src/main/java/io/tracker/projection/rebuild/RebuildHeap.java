package io.tracker.projection.rebuild;

import java.lang.management.ManagementFactory;

import org.jboss.logging.Logger;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Gives the heap room while a rebuild runs, and takes it back after. The services run with tight heap free ratios
 * (deploy/local/service-jvm.options: {@code MinHeapFreeRatio=10}, {@code MaxHeapFreeRatio=30}) so that an idle or
 * lightly loaded service holds little memory. A rebuild keeps two batches of up to
 * {@code rebuild-max-poll-records} records in memory (one read while the other is applied), which outlive young
 * collections: with those ratios the old generation stays just above its live set, and the promoted batches force a
 * full collection every second or third young one (bench.sh: 68 full collections in a 20 s rebuild, 9.3 s of
 * pauses). While any rebuild runs, the JVM's free ratios (manageable flags) are set to {@code min}/{@code max}; when
 * the last one ends, back to what they were. Not supported (another JVM, flags not manageable): left as they are.
 */
final class RebuildHeap {
    private static final Logger LOG = Logger.getLogger(RebuildHeap.class);
    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";

    /** The JVM's flags: {@link #HOTSPOT}, or another implementation in tests. */
    interface VmOptions {
        String get(String name);

        void set(String name, String value);
    }

    /** This JVM's flags, through its diagnostic bean. */
    static final VmOptions HOTSPOT = new VmOptions() {
        @Override
        public String get(String name) {
            return vm().getVMOption(name).getValue();
        }

        @Override
        public void set(String name, String value) {
            vm().setVMOption(name, value);
        }
    };

    private final VmOptions vm;
    private final int min;
    private final int max;
    private int holders;
    private String savedMin;
    private String savedMax;

    /** {@code min} and {@code max}: the free ratios during a rebuild; {@code min} 0 leaves the heap alone. */
    RebuildHeap(int min, int max) {
        this(HOTSPOT, min, max);
    }

    RebuildHeap(VmOptions vm, int min, int max) {
        if (min < 0 || max > 100 || (min > 0 && min > max)) {
            throw new IllegalArgumentException("heap free ratios must be 0 <= min <= max <= 100: " + min + ", " + max);
        }
        this.vm = vm;
        this.min = min;
        this.max = max;
    }

    /** Runs {@code work} with the rebuild's free ratios in force. */
    void during(Runnable work) {
        widen();
        try {
            work.run();
        } finally {
            restore();
        }
    }

    synchronized void widen() {
        if (holders++ > 0 || min == 0) {
            return;
        }
        try {
            savedMin = vm.get(MIN);
            savedMax = vm.get(MAX);
            set(Integer.parseInt(savedMax), min, max);
            LOG.infof("heap free ratios %s-%s %% while rebuilding (were %s-%s %%)", min, max, savedMin, savedMax);
        } catch (RuntimeException e) {
            savedMin = null;
            LOG.infof("heap free ratios left as they are (%s)", e.toString());
        }
    }

    synchronized void restore() {
        if (holders == 0 || --holders > 0 || savedMin == null) {
            return;
        }
        try {
            set(max, Integer.parseInt(savedMin), Integer.parseInt(savedMax));
            LOG.infof("heap free ratios back to %s-%s %%", savedMin, savedMax);
        } catch (RuntimeException e) {
            LOG.warnf("could not set the heap free ratios back (%s)", e.toString());
        } finally {
            savedMin = null;
        }
    }

    /** From a maximum of {@code fromMax} to {@code toMin}-{@code toMax}, in an order the JVM accepts (min ≤ max). */
    private void set(int fromMax, int toMin, int toMax) {
        if (toMax >= fromMax) {
            vm.set(MAX, Integer.toString(toMax));
            vm.set(MIN, Integer.toString(toMin));
        } else {
            vm.set(MIN, Integer.toString(toMin));
            vm.set(MAX, Integer.toString(toMax));
        }
    }

    private static HotSpotDiagnosticMXBean vm() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    }
}
