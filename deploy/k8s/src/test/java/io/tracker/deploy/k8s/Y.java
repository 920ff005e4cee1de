package io.tracker.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant navigation in parsed YAML. */
final class Y {

    private Y() {}

    static Object at(Object root, Object... path) {
        Object cur = root;
        for (Object step : path) {
            if (cur == null) {
                return null;
            }
            if (step instanceof Integer i && cur instanceof List<?> l) {
                cur = i < l.size() ? l.get(i) : null;
            } else if (cur instanceof Map<?, ?> m) {
                cur = m.get(step);
            } else {
                return null;
            }
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, Object... path) {
        Object o = at(root, path);
        return o instanceof Map ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, Object... path) {
        Object o = at(root, path);
        return o instanceof List ? (List<Object>) o : new ArrayList<>();
    }

    static String str(Object root, Object... path) {
        Object o = at(root, path);
        return o == null ? null : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    static List<Map<String, Object>> maps(Object root, Object... path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(root, path)) {
            out.add(asMap(o));
        }
        return out;
    }

    static String name(Map<String, Object> o) {
        return str(o, "metadata", "name");
    }

    static Map<String, Object> labels(Map<String, Object> o) {
        return map(o, "metadata", "labels");
    }

    static Long number(Object root, Object... path) {
        Object o = at(root, path);
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Kubernetes resource quantity in base units (cores or bytes), enough for comparisons. */
    static double quantity(String q) {
        String s = q.trim();
        String[][] suffixes = {
            {"Ki", "1024"},
            {"Mi", "1048576"},
            {"Gi", "1073741824"},
            {"Ti", "1099511627776"},
            {"m", "0.001"},
            {"k", "1000"},
            {"M", "1000000"},
            {"G", "1000000000"},
            {"T", "1000000000000"}
        };
        for (String[] sfx : suffixes) {
            if (s.endsWith(sfx[0])) {
                return Double.parseDouble(s.substring(0, s.length() - sfx[0].length())) * Double.parseDouble(sfx[1]);
            }
        }
        return Double.parseDouble(s);
    }
}
