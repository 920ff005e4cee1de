package io.tracker.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * An immutable array of values indexed by stream version, with structural sharing (a 32-way trie): setting a
 * slot copies only the path to it, O(log32 n), so a decision state that holds one value per event folds a stream
 * in linear time, where copying a whole map per event was quadratic. Iterates in version order; empty slots
 * are skipped.
 */
public final class VersionSlots<T> {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final VersionSlots<?> EMPTY = new VersionSlots<>(new Object[WIDTH], 0, 0, 1);

    private final Object[] root;
    private final int shift;
    private final int count;
    private final int nodes;

    private VersionSlots(Object[] root, int shift, int count, int nodes) {
        this.root = root;
        this.shift = shift;
        this.count = count;
        this.nodes = nodes;
    }

    @SuppressWarnings("unchecked")
    public static <T> VersionSlots<T> empty() {
        return (VersionSlots<T>) EMPTY;
    }

    /** The value at this version, or null. */
    @SuppressWarnings("unchecked")
    public T get(long version) {
        if (version < 0 || version >= capacity(shift)) {
            return null;
        }
        int i = (int) version;
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(i >>> level) & MASK];
            if (node == null) {
                return null;
            }
        }
        return (T) node[i & MASK];
    }

    /** These slots with {@code value} at {@code version} (null empties the slot). */
    public VersionSlots<T> with(long version, T value) {
        if (version < 0 || version > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("version out of range: " + version);
        }
        int i = (int) version;
        boolean had = get(i) != null;
        if (!had && value == null) {
            return this;
        }
        Object[] r = root;
        int s = shift;
        int n = nodes;
        while (i >= capacity(s)) {
            Object[] up = new Object[WIDTH];
            up[0] = r;
            r = up;
            s += BITS;
            n++;
        }
        int[] created = {0};
        Object[] next = set(r, s, i, value, created);
        return new VersionSlots<>(next, s, count + (had ? 0 : 1) - (value == null ? 1 : 0), n + created[0]);
    }

    private static long capacity(int shift) {
        return 1L << (shift + BITS);
    }

    private static Object[] set(Object[] node, int level, int i, Object value, int[] created) {
        Object[] copy;
        if (node == null) {
            copy = new Object[WIDTH];
            created[0]++;
        } else {
            copy = node.clone();
        }
        if (level == 0) {
            copy[i & MASK] = value;
        } else {
            int slot = (i >>> level) & MASK;
            copy[slot] = set((Object[]) copy[slot], level - BITS, i, value, created);
        }
        return copy;
    }

    /** How many slots hold a value. */
    public int size() {
        return count;
    }

    /** The values in version order. */
    public List<T> values() {
        List<T> all = new ArrayList<>(count);
        forEach((version, value) -> all.add(value));
        return all;
    }

    /** Each (version, value) in version order. */
    public void forEach(BiConsumer<Long, T> action) {
        visit(root, shift, 0, action);
    }

    @SuppressWarnings("unchecked")
    private static <T> void visit(Object[] node, int level, long base, BiConsumer<Long, T> action) {
        for (int slot = 0; slot < WIDTH; slot++) {
            Object child = node[slot];
            if (child == null) {
                continue;
            }
            long index = base + ((long) slot << level);
            if (level == 0) {
                action.accept(index, (T) child);
            } else {
                visit((Object[]) child, level - BITS, index, action);
            }
        }
    }

    /** A rough heap size of the trie's own arrays (compressed references), not of the values. */
    public long estimatedBytes() {
        return 24 + (long) nodes * (16 + 4L * WIDTH);
    }
}
