package io.tracker.system.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repeated figure (one value per window or repetition of a phase) as median with min and max. Values that
 * are NaN (not measured in that window) are left out; with none left, every figure is NaN and JSON null.
 */
record Spread(double median, double min, double max, int n) {
    static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN, 0);

    static Spread of(Collection<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) {
            if (d != null && !Double.isNaN(d)) {
                v.add(d);
            }
        }
        if (v.isEmpty()) {
            return NONE;
        }
        v.sort(Double::compare);
        return new Spread(median(v), v.get(0), v.get(v.size() - 1), v.size());
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /**
     * The nearest-rank percentile ({@code p} in 0..100) of sorted values: the smallest value with at least p % of
     * the values at or below it. NaN for no values.
     */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        if (p <= 0) {
            return sorted.get(0);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }

    /** "12.3 (10.1–15.0)", or "–" when nothing was measured. */
    String text(int decimals) {
        if (n == 0) {
            return "–";
        }
        String f = "%." + decimals + "f";
        return n == 1 ? String.format(f, median) : String.format(f + " (" + f + "–" + f + ")", median, min, max);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", num(median));
        m.put("min", num(min));
        m.put("max", num(max));
        m.put("n", n);
        return m;
    }

    /** A double for results.json: null for NaN or infinity (JSON has neither), else rounded to 4 decimals. */
    static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
