package io.tracker.local.story;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads a story file through the services' public REST APIs, exactly as any client would: every step is
 * sent with its own Idempotency-Key, so loading the same story again appends nothing. A step refused with
 * {@code unknown-negotiation} (the investment service has not yet seen the negotiation's event) is retried
 * for a while. Usage: {@code StoryLoader <story.json>}; service URLs from NEGOTIATION_URL, INVESTMENT_URL,
 * a recorder's bearer token from TOKEN.
 */
public final class StoryLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> services;
    private final boolean skipOthers;
    private final String token;

    /**
     * @param services   base URL by service name, e.g. {@code negotiation → http://localhost:8081}
     * @param skipOthers skip the steps of services not in {@code services} (for a test of one service)
     * @param token      a bearer token with the recorder role (null: none sent)
     */
    public StoryLoader(Map<String, String> services, boolean skipOthers, String token) {
        this.services = services;
        this.skipOthers = skipOthers;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StoryLoader <story.json>");
            System.exit(2);
        }
        Map<String, String> services = Map.of(
                "negotiation", env("NEGOTIATION_URL", "http://localhost:8081"),
                "investment", env("INVESTMENT_URL", "http://localhost:8082"));
        try {
            Result r = new StoryLoader(services, false, System.getenv("TOKEN")).load(Path.of(args[0]));
            System.out.printf(
                    "story: %d step(s): %d recorded, %d already there%n", r.total(), r.recorded(), r.replayed());
        } catch (StoryException e) {
            System.err.println("story: " + e.getMessage());
            System.exit(1);
        }
    }

    public record Result(int total, int recorded, int replayed) {}

    public Result load(Path file) throws IOException, InterruptedException {
        JsonNode story = JSON.readTree(Files.readAllBytes(file));
        String name = required(story, "name", file.toString()).asText();
        JsonNode steps = story.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            throw new StoryException(file + ": 'steps' must be a non-empty array");
        }
        int recorded = 0;
        int replayed = 0;
        int sent = 0;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String where = file.getFileName() + " step " + (i + 1);
            String service = required(step, "service", where).asText();
            String base = services.get(service);
            if (base == null && skipOthers) {
                continue;
            }
            if (base == null) {
                throw new StoryException(
                        where + ": unknown service '" + service + "' (use one of " + services.keySet() + ")");
            }
            String key = "story:" + name + ":" + required(step, "key", where).asText();
            HttpRequest.Builder builder = HttpRequest.newBuilder(
                    URI.create(base + required(step, "path", where).asText()));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            HttpRequest request = builder.timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .header("X-Correlation-Id", "story:" + name)
                    .method(
                            step.path("method").asText("POST"),
                            HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(required(step, "body", where))))
                    .build();
            HttpResponse<String> response = send(request, where);
            sent++;
            if (response.headers()
                    .firstValue("Idempotent-Replayed")
                    .orElse("false")
                    .equals("true")) {
                replayed++;
            } else {
                recorded++;
            }
        }
        return new Result(sent, recorded, replayed);
    }

    private HttpResponse<String> send(HttpRequest request, String where) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new StoryException(
                        where + ": " + request.uri().getAuthority() + " is not answering; is the service up?");
            }
            int status = response.statusCode();
            if (status < 300) {
                return response;
            }
            boolean behind = status == 422 && response.body().contains("unknown-negotiation");
            boolean retryable = behind || status == 503;
            if (!retryable || System.nanoTime() > deadline) {
                throw new StoryException(where + ": " + request.method() + " "
                        + request.uri().getPath() + " answered " + status + ": " + response.body());
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new StoryException(where + ": '" + field + "' is missing");
        }
        return value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A story that cannot be loaded, said in one line. */
    public static final class StoryException extends RuntimeException {
        public StoryException(String message) {
            super(message);
        }
    }
}
