package io.tracker.heap;

import java.lang.management.ManagementFactory;

import org.jboss.logging.Logger;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's heap free ratios ({@code MinHeapFreeRatio}, {@code MaxHeapFreeRatio}: manageable flags), put in force for
 * a while and set back after: the one home for every change to them. SerialGC sizes the old generation at a full
 * collection so that its free share lies between the two (and the young generation at half the old one), so they say
 * how much heap a service keeps around its live set. The services start with 10–30 %
 * (deploy/local/service-jvm.options); a rebuild widens them while it runs (projection-service's RebuildHeap), a
 * give-back tightens them for its one collection ({@link HeapGiveBack}).
 *
 * <p>Holds of the same ratios are counted, and the JVM's own come back when the last is released. While some ratios
 * are held, a hold of others waits ({@link #hold}) or is refused ({@link #tryHold}). Flags this JVM does not let one
 * set (another implementation) are left as they are, or put back if only one of the two was taken; the hold is still
 * counted.
 */
public final class HeapFreeRatios {
    private static final Logger LOG = Logger.getLogger(HeapFreeRatios.class);
    public static final String MIN = "MinHeapFreeRatio";
    public static final String MAX = "MaxHeapFreeRatio";

    /** The JVM's flags: {@link #HOTSPOT}, or another implementation in tests. */
    public interface VmOptions {
        String get(String name);

        void set(String name, String value);
    }

    /** Free ratios in percent: {@code 0 <= min <= max <= 100}. */
    public record Ratios(int min, int max) {
        public Ratios {
            if (min < 0 || max > 100 || min > max) {
                throw new IllegalArgumentException(
                        "heap free ratios must be 0 <= min <= max <= 100: " + min + ", " + max);
            }
        }

        @Override
        public String toString() {
            return min + "-" + max + " %";
        }
    }

    /** This JVM's flags, through its diagnostic bean. */
    public static final VmOptions HOTSPOT = new VmOptions() {
        @Override
        public String get(String name) {
            return vm().getVMOption(name).getValue();
        }

        @Override
        public void set(String name, String value) {
            vm().setVMOption(name, value);
        }
    };

    private static final HeapFreeRatios THIS_JVM = new HeapFreeRatios(HOTSPOT);

    private final VmOptions vm;
    private Ratios held;
    private int holders;
    private Ratios saved;

    public HeapFreeRatios(VmOptions vm) {
        this.vm = vm;
    }

    /** This JVM's ratios: one instance, so that every holder counts with the others. */
    public static HeapFreeRatios ofThisJvm() {
        return THIS_JVM;
    }

    /**
     * Puts {@code ratios} in force until the matching {@link #release}; waits while others are held. False only when
     * interrupted while waiting (nothing held then; the interrupt is kept).
     */
    public synchronized boolean hold(Ratios ratios) {
        while (held != null && !held.equals(ratios)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        take(ratios);
        return true;
    }

    /** As {@link #hold}, but refused (false, nothing held) at once while other ratios are held. */
    public synchronized boolean tryHold(Ratios ratios) {
        if (held != null && !held.equals(ratios)) {
            return false;
        }
        take(ratios);
        return true;
    }

    /** Ends one hold of {@code ratios}; after the last, the JVM's own ratios are back. */
    public synchronized void release(Ratios ratios) {
        if (held == null || !held.equals(ratios)) {
            throw new IllegalStateException("heap free ratios " + ratios + " are not held (held: " + held + ")");
        }
        if (--holders > 0) {
            return;
        }
        if (saved != null) {
            putBack(saved);
            LOG.debugf("heap free ratios back to %s", saved);
        }
        held = null;
        saved = null;
        notifyAll();
    }

    private void take(Ratios ratios) {
        if (holders++ > 0) {
            return;
        }
        held = ratios;
        saved = null;
        Ratios jvm = null;
        try {
            jvm = current();
            set(jvm.max(), ratios);
            saved = jvm;
            LOG.debugf("heap free ratios %s (were %s)", ratios, jvm);
        } catch (RuntimeException e) {
            LOG.infof("heap free ratios left as they are (%s)", e.toString());
            if (jvm != null) {
                putBack(jvm); // the first of the two settings may have been taken
            }
        }
    }

    private void putBack(Ratios jvm) {
        try {
            set(current().max(), jvm);
        } catch (RuntimeException e) {
            LOG.warnf("could not set the heap free ratios back to %s (%s)", jvm, e.toString());
        }
    }

    private Ratios current() {
        return new Ratios(Integer.parseInt(vm.get(MIN)), Integer.parseInt(vm.get(MAX)));
    }

    /** From a maximum of {@code fromMax} to {@code to}, in an order the JVM accepts (min ≤ max at every step). */
    private void set(int fromMax, Ratios to) {
        if (to.max() >= fromMax) {
            vm.set(MAX, Integer.toString(to.max()));
            vm.set(MIN, Integer.toString(to.min()));
        } else {
            vm.set(MIN, Integer.toString(to.min()));
            vm.set(MAX, Integer.toString(to.max()));
        }
    }

    private static HotSpotDiagnosticMXBean vm() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    }
}
