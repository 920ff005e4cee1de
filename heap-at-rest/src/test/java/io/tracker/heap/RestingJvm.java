package io.tracker.heap;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link HeapGiveBackProcessTest} in a JVM of its own with the services' options: a load that holds 96 MB and
 * churns short-lived garbage for {@code args[0]} ms, checking every 100 ms as {@link HeapAtRest} does (quiet for
 * 500 ms under 1 MB/s, 16 MB of growth); then it drops 64 MB of what it held (32 MB stay live, as a service's kept
 * states do) and rests, checking, for up to 10 s; a give-back collects with the free ratios at rest, 0-10 %. Prints
 * {@code floor}, {@code loaded} (the committed heap at the load's end), {@code gave-back-under-load}, then
 * {@code gave-back <before> <after> <used after> <ms>} or {@code none}, then {@code ratios <min> <max>} (the JVM's
 * after it).
 */
public final class RestingJvm {
    private static volatile Object sink;

    public static void main(String[] args) throws InterruptedException {
        long loadMillis = Long.parseLong(args[0]);
        HeapGiveBack jvm = HeapGiveBack.ofThisJvm(new HeapFreeRatios.Ratios(0, 10));
        QuietHeap quiet = new QuietHeap(new QuietHeap.Settings(Duration.ofMillis(500), 1 << 20, 16 << 20));
        int underLoad = 0;
        List<byte[]> held = new ArrayList<>();
        quiet.observe(jvm.reading(System.nanoTime()));
        System.out.println("floor " + quiet.floor());
        long end = System.nanoTime() + loadMillis * 1_000_000L;
        long nextCheck = System.nanoTime();
        while (System.nanoTime() < end) {
            if (held.size() < 96) {
                held.add(new byte[1 << 20]);
            }
            for (int i = 0; i < 256; i++) {
                sink = new byte[4096];
            }
            if (System.nanoTime() >= nextCheck) {
                nextCheck += 100_000_000L;
                if (quiet.observe(jvm.reading(System.nanoTime()))) {
                    underLoad++;
                }
            }
            Thread.sleep(2);
        }
        System.out.println("loaded " + jvm.committed());
        System.out.println("gave-back-under-load " + underLoad);
        held.subList(32, held.size()).clear();
        long restEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < restEnd) {
            Thread.sleep(100);
            if (quiet.observe(jvm.reading(System.nanoTime()))) {
                HeapGiveBack.Outcome o = jvm.giveBack();
                long used =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf(
                        "gave-back %d %d %d %d%n",
                        o.committedBefore(), o.committedAfter(), used, o.nanos() / 1_000_000);
                System.out.println("ratios " + HeapFreeRatios.HOTSPOT.get(HeapFreeRatios.MIN) + " "
                        + HeapFreeRatios.HOTSPOT.get(HeapFreeRatios.MAX) + " held " + held.size());
                return;
            }
        }
        System.out.println("none");
    }
}
