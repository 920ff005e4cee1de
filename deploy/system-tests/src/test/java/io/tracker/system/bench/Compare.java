package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two results.json side by side: every figure of the top level (all but {@code detail}), flattened to a dotted
 * path, with A, B and B/A. Self-contained (its own small JSON reader) so that {@code bench.sh compare} runs it
 * straight from source with {@code java Compare.java A.json B.json}, without a build.
 */
public final class Compare {
    private Compare() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Compare A.json B.json");
            System.exit(2);
        }
        System.out.print(
                compare(Files.readString(Path.of(args[0])), Files.readString(Path.of(args[1])), args[0], args[1]));
    }

    /** The side-by-side text of two results.json. */
    static String compare(String a, String b, String nameA, String nameB) {
        Map<String, Object> fa = flatten(parse(a));
        Map<String, Object> fb = flatten(parse(b));
        Set<String> keys = new LinkedHashSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "A", "B", "B/A"});
        for (String k : keys) {
            Object va = fa.get(k);
            Object vb = fb.get(k);
            rows.add(new String[] {k, cut(text(va), 32), cut(text(vb), 32), ratio(va, vb)});
        }
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(w[i], Math.min(i == 0 ? 64 : 32, r[i].length()));
            }
        }
        StringBuilder out = new StringBuilder("A: " + nameA + "\nB: " + nameB + "\n\n");
        for (String[] r : rows) {
            out.append(String.format(
                                    "%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s%n",
                                    r[0],
                                    r[1],
                                    r[2],
                                    r[3])
                            .stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    /** B/A with two decimals and "×"; "–" where either is not a number or A is 0. */
    static String ratio(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y && x != 0) {
            return String.format("%.2f×", y / x);
        }
        return "–";
    }

    /** A text cut to {@code max} characters (the last one "…"), so that a long string does not widen the table. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format("%.3f", d);
        }
        return v.toString();
    }

    /** The leaves of the top level except {@code detail}, as "a.b.c" → value (arrays by index). */
    static Map<String, Object> flatten(Object json) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (json instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!"detail".equals(k)) {
                    flatten((String) k, v, out);
                }
            });
        }
        return out;
    }

    private static void flatten(String path, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.put(path, "{}");
            }
            m.forEach((k, x) -> flatten(path + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(path, v);
        }
    }

    // ---- a small JSON reader: objects (insertion order), arrays, strings, numbers (Double), true/false, null

    static Object parse(String s) {
        Reader r = new Reader(s);
        Object v = r.value();
        r.ws();
        if (r.i != s.length()) {
            throw new IllegalArgumentException("trailing text at " + r.i);
        }
        return v;
    }

    private static final class Reader {
        final String s;
        int i;

        Reader(String s) {
            this.s = s;
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        Object value() {
            ws();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            }
            return Double.parseDouble(s.substring(start, i));
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }
    }
}
