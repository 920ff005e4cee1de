package io.tracker.investment.application;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tracker.investment.domain.SharedValues;

/**
 * The values the kept investment states repeat (sources, companies, sites, business dates, linked negotiations,
 * currencies), each kept once, bounded by {@code budgetBytes} of estimated heap: a value's own estimate plus its
 * entry here. Once the budget is spent, new values are handed back as they are (the states that keep them count
 * them in full, so the kept states' budget still bounds them). Nothing is ever evicted: a state that holds a
 * shared value does not count it, so the value must stay counted here as long as the service runs. Thread-safe;
 * a look-up of a known value takes no lock.
 */
public final class BoundedSharedValues implements SharedValues {
    /** A ConcurrentHashMap node (hash, key, value, next) and its slot in the table (at a load of 3/4). */
    static final long ENTRY_BYTES = 32 + 8;

    private final long budgetBytes;
    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public BoundedSharedValues(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("negative budget");
        }
        this.budgetBytes = budgetBytes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T share(T value, long valueBytes) {
        if (value == null) {
            return null;
        }
        Object kept = values.get(value);
        if (kept != null) {
            return (T) kept;
        }
        long cost = valueBytes + ENTRY_BYTES;
        synchronized (this) {
            kept = values.get(value);
            if (kept != null) {
                return (T) kept;
            }
            if (bytes.get() + cost > budgetBytes) {
                refused.incrementAndGet();
                return value;
            }
            values.put(value, value);
            bytes.addAndGet(cost);
            return value;
        }
    }

    @Override
    public boolean holds(Object value) {
        return value != null && values.get(value) == value;
    }

    /** The estimated heap of the values kept here (never more than the budget). */
    public long bytes() {
        return bytes.get();
    }

    public int size() {
        return values.size();
    }

    /** How many values were handed back unshared because the budget was spent. */
    public long refused() {
        return refused.get();
    }

    /** As gauges and a counter, tagged with the stream type. */
    public void register(MeterRegistry registry, String streamType) {
        Gauge.builder("tracker.shared.values.bytes", this, BoundedSharedValues::bytes)
                .tag("stream_type", streamType)
                .baseUnit("bytes")
                .description("estimated heap of the values the kept decision states share")
                .register(registry);
        Gauge.builder("tracker.shared.values.entries", this, BoundedSharedValues::size)
                .tag("stream_type", streamType)
                .description("values the kept decision states share")
                .register(registry);
        FunctionCounter.builder("tracker.shared.values.refused", this, BoundedSharedValues::refused)
                .tag("stream_type", streamType)
                .description("values kept unshared because the shared values' budget was spent")
                .register(registry);
    }
}
