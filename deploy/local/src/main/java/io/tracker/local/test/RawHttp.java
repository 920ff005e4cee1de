package io.tracker.local.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests exactly as given, for the refusals of the HTTP layer that a REST client smooths over: no
 * Content-Type unless one is set, any URI length, any header, and a body of unknown length (sent chunked).
 */
public final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private RawHttp() {}

    /** {@code body} is sent chunked (no Content-Length) when it is over 64 KiB, with its length otherwise. */
    public static HttpResponse<String> send(
            URI base, String method, String path, String body, String header, String headerValue, String bearerToken)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            publisher = bytes.length > 65_536
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (header != null) {
            request.header(header, headerValue);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
