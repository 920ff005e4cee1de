package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The results of a run: a markdown report (tables, in the order measured) and a JSON file of the same figures,
 * in {@code deploy/system-tests/target/bench/}. Progress goes to {@code progress.log} next to them as it happens.
 */
final class BenchReport {
    final Path dir;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Path progress;

    BenchReport(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        progress = dir.resolve("progress.log");
        Files.writeString(progress, "");
    }

    void log(String format, Object... args) {
        String line = String.format("%tT %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.print(line);
        try {
            Files.writeString(progress, line, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // best effort
        }
    }

    void heading(String h) {
        md.append("\n## ").append(h).append("\n\n");
    }

    void line(String s) {
        md.append(s).append('\n');
    }

    void table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
    }

    void code(String text) {
        md.append("```\n").append(text.strip()).append("\n```\n\n");
    }

    void put(String key, Object value) {
        json.put(key, value);
    }

    @SuppressWarnings("unchecked")
    void putIn(String section, String key, Object value) {
        ((Map<String, Object>) json.computeIfAbsent(section, k -> new LinkedHashMap<String, Object>())).put(key, value);
    }

    /**
     * Writes results.md and results.json: the top level of {@link ResultsSchema} built by {@code top}, with
     * everything else this report collected under {@code detail}. A top level that breaks the schema is logged.
     */
    @SuppressWarnings("unchecked")
    void write(TopLevel top) throws IOException {
        if (json.get("machine") instanceof Map<?, ?> m) {
            top.machine = (Map<String, Object>) m;
        }
        top.detail = json;
        Map<String, Object> out = top.build();
        List<String> problems = ResultsSchema.problems(out);
        if (!problems.isEmpty()) {
            log("results.json does not follow the schema: %s", problems);
        }
        Files.writeString(dir.resolve("results.md"), "# Benchmark results (generated)\n" + md);
        Files.writeString(
                dir.resolve("results.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    }

    // ---- formatting

    static String ms(double micros) {
        return String.format("%.2f", micros / 1000.0);
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%,.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.2f", v);
    }

    /** A count with thousands separators; "–" where it is not known (NaN). */
    static String count(double v) {
        return Double.isNaN(v) ? "–" : String.format("%,.0f", v);
    }

    /** A share (0..1) as a whole percentage, "84 %"; "–" where it is not known (NaN). */
    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format("%.0f %%", share * 100);
    }

    static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base == 0 ? "n/a" : String.format("%.2f×", v / base);
    }

    /** p50 / p99 / p99.9 / max in ms. */
    static List<String> percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return List.of("–", "–", "–", "–");
        }
        return List.of(
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()));
    }

    static Map<String, Object> percentileMap(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
            m.put("p90_ms", h.getValueAtPercentile(90) / 1000.0);
            m.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
            m.put("p99_9_ms", h.getValueAtPercentile(99.9) / 1000.0);
            m.put("max_ms", h.getMaxValue() / 1000.0);
            m.put("mean_ms", h.getMean() / 1000.0);
        }
        return m;
    }
}
