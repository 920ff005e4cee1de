package io.tracker.core.api;

import jakarta.ws.rs.core.EntityTag;

/** Stream versions as HTTP entity tags: version 3 is the strong ETag {@code "3"}. */
public final class Versions {
    private Versions() {}

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match header names, or null when there is none. */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new BadHeaderException("If-Match", "If-Match must be an ETag this service returned, such as \"3\"");
        }
    }
}
