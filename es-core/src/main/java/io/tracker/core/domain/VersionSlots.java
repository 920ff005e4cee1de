package io.tracker.core.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * An immutable array of values indexed by stream version, with structural sharing (a 32-way trie): setting a
 * slot copies only the path to it, O(log32 n), so a decision state that holds one value per event folds a stream
 * in linear time, where copying a whole map per event was quadratic. Iterates in version order; empty slots
 * are skipped. A leaf is only as long as its highest slot used needs (a stream of five events keeps an array of
 * six references, not 32; emptying its last slots shortens it): most streams are short, and a kept state pays for
 * its trie.
 */
public final class VersionSlots<T> {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final Object[] NO_SLOTS = new Object[0];
    private static final VersionSlots<?> EMPTY = new VersionSlots<>(NO_SLOTS, 0, 0, array(0));

    private final Object[] root;
    private final int shift;
    private final int count;
    /** The trie's arrays, in bytes (compressed references). */
    private final long arrayBytes;

    private VersionSlots(Object[] root, int shift, int count, long arrayBytes) {
        this.root = root;
        this.shift = shift;
        this.count = count;
        this.arrayBytes = arrayBytes;
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
        int slot = i & MASK;
        return slot < node.length ? (T) node[slot] : null;
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
        long[] bytes = {arrayBytes};
        while (i >= capacity(s)) {
            Object[] up = new Object[WIDTH];
            up[0] = r;
            r = up;
            s += BITS;
            bytes[0] += array(WIDTH);
        }
        Object[] next = set(r, s, i, value, bytes);
        if (next == null) {
            next = NO_SLOTS; // the root leaf emptied
            bytes[0] += array(0);
        }
        return new VersionSlots<>(next, s, count + (had ? 0 : 1) - (value == null ? 1 : 0), bytes[0]);
    }

    private static long capacity(int shift) {
        return 1L << (shift + BITS);
    }

    /** The path to slot {@code i} copied, {@code bytes} adjusted by the arrays created or grown. */
    private static Object[] set(Object[] node, int level, int i, Object value, long[] bytes) {
        if (level == 0) {
            int slot = i & MASK;
            int length = node == null ? 0 : node.length;
            Object[] copy = slot < length ? node.clone() : Arrays.copyOf(node == null ? NO_SLOTS : node, slot + 1);
            copy[slot] = value;
            int used = copy.length;
            while (used > 0 && copy[used - 1] == null) {
                used--;
            }
            if (used < copy.length) {
                copy = used == 0 ? null : Arrays.copyOf(copy, used); // emptied its last slots: shorter, or none
            }
            bytes[0] += (copy == null ? 0 : array(copy.length)) - (node == null ? 0 : array(length));
            return copy;
        }
        Object[] copy;
        if (node == null) {
            copy = new Object[WIDTH];
            bytes[0] += array(WIDTH);
        } else {
            copy = node.clone();
        }
        int slot = (i >>> level) & MASK;
        copy[slot] = set((Object[]) copy[slot], level - BITS, i, value, bytes);
        return copy;
    }

    /** An array of {@code length} references: 16 bytes of header, 4 per reference, 8-byte aligned. */
    private static long array(int length) {
        return (16 + 4L * length + 7) & ~7L;
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
        for (int slot = 0; slot < node.length; slot++) {
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

    /** The heap of this object and the trie's arrays (compressed references), not of the values. */
    public long estimatedBytes() {
        return 32 + arrayBytes;
    }
}
