package io.tracker.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals of the HTTP layer as problem+json, before routing: a request line longer than
 * {@code tracker.http.max-uri-length} (414), headers larger than {@code tracker.http.max-header-bytes} in all
 * (431), a body sent without a Content-Type (415), and a body sent without a Content-Length (411: the REST layer
 * would refuse an over-long chunked body with a bare 413 once read; every client of these APIs sends small JSON
 * documents with their length; es-core's {@code BodyLimit} answers an over-long one with a 413 problem). The HTTP codec's own limits
 * ({@code quarkus.http.limits.max-initial-line-length} / {@code max-header-size}) are set well above these, so
 * that what exceeds ours reaches this filter; only what exceeds the codec's is still refused with an empty body.
 * Each detail ends with the service's {@link ServiceProblems#refusalNote()}.
 */
@Singleton
public class HttpLimits {
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final String note;

    HttpLimits(
            @ConfigProperty(name = "tracker.http.max-uri-length", defaultValue = "4096") int maxUriLength,
            @ConfigProperty(name = "tracker.http.max-header-bytes", defaultValue = "16384") int maxHeaderBytes,
            ServiceProblems texts) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
        this.note = texts.refusalNote();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 110);
    }

    void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        if (uri.length() > maxUriLength) {
            refuse(
                    rc,
                    414,
                    ProblemTypes.URI_TOO_LONG,
                    "Request URI too long",
                    "the request URI has " + uri.length() + " characters; at most " + maxUriLength + " are accepted",
                    "/");
            return;
        }
        int headerBytes = 0;
        for (var header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            refuse(
                    rc,
                    431,
                    ProblemTypes.HEADERS_TOO_LARGE,
                    "Request header fields too large",
                    "the request headers have " + headerBytes + " bytes; at most " + maxHeaderBytes + " are accepted",
                    request.path());
            return;
        }
        boolean api = !request.path().startsWith("/q/");
        if (api && request.getHeader("Transfer-Encoding") != null && request.getHeader("Content-Length") == null) {
            refuse(
                    rc,
                    411,
                    ProblemTypes.LENGTH_REQUIRED,
                    "Length Required",
                    "a request body must be sent with its Content-Length, not chunked",
                    request.path());
            return;
        }
        if (api && hasBody(request) && request.getHeader("Content-Type") == null) {
            refuse(
                    rc,
                    415,
                    ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type",
                    "the request has a body but no Content-Type; send Content-Type: application/json",
                    request.path());
            return;
        }
        rc.next();
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.equals("0"));
    }

    private void refuse(RoutingContext rc, int status, String type, String title, String detail, String instance) {
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end("{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + note + "\",\"instance\":\"" + json(instance) + "\"}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
