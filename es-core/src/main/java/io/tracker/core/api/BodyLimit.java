package io.tracker.core.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tracker.http.Problem;

/**
 * Refuses a body larger than {@code tracker.http.max-body-bytes} (by its Content-Length) with a 413
 * problem+json before it is read. The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size})
 * stays as the backstop for bodies sent without a length.
 */
@Singleton
public class BodyLimit {
    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "tracker.http.max-body-bytes", defaultValue = "262144") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String length = rc.request().getHeader("Content-Length");
                    if (length != null
                            && length.chars().allMatch(Character::isDigit)
                            && !length.isEmpty()
                            && Long.parseLong(length) > maxBytes) {
                        rc.response()
                                .setStatusCode(413)
                                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("Connection", "close")
                                .end(
                                        "{\"type\":\"/problems/body-too-large\",\"title\":\"Request body too large\",\"status\":413,"
                                                + "\"detail\":\"the body has " + length + " bytes; at most " + maxBytes
                                                + " are accepted; nothing was recorded\",\"instance\":\""
                                                + rc.request().path().replace("\"", "") + "\"}");
                        return;
                    }
                    rc.next();
                },
                100);
    }
}
