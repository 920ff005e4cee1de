package io.tracker.investment.domain;

/**
 * Where the values that many investments' facts repeat (a source, a list of sources, a company, a site, a business
 * date, the negotiations an announcement links to, a currency) are kept once. A state hands each such part of a
 * fact over, with its estimated size in bytes, and keeps the instance it gets back; the part is then not counted in
 * the state's {@link InvestmentState#estimatedBytes()} when {@link #holds} says this very instance is kept here (its
 * bytes are the keeper's, bounded there). Values handed over are immutable. {@link #NONE} keeps nothing: every
 * state holds and counts its own copies.
 */
public interface SharedValues {

    SharedValues NONE = new SharedValues() {
        @Override
        public <T> T share(T value, long bytes) {
            return value;
        }

        @Override
        public boolean holds(Object value) {
            return false;
        }
    };

    /** The one instance to keep for {@code value} (equal to it), or {@code value} itself. */
    <T> T share(T value, long bytes);

    /** Whether this very instance (not merely an equal value) is kept here. */
    boolean holds(Object value);
}
