package io.tracker.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the fault scenarios ask of the commands' answers: refusals of the right kind, acceptances by phase. */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {}

    static boolean isProblem(CommandLoad.Answer a) {
        return a.contentType() != null && a.contentType().startsWith("application/problem+json");
    }

    static boolean isRetryable503(CommandLoad.Answer a) {
        return a.status() == 503
                && isProblem(a)
                && a.retryAfter() != null
                && !a.retryAfter().isBlank();
    }

    /** Null when the answer is a 412 problem+json naming the current version (and an ETag of it). */
    static String preconditionProblem(CommandLoad.Answer a, long currentVersion) {
        if (a.status() != 412 || !isProblem(a)) {
            return "the loser got " + a.status() + " " + a.contentType() + ", expected 412 problem+json: "
                    + CommandLoad.abbreviate(a.body());
        }
        try {
            JsonNode body = JSON.readTree(a.body());
            if (body.path("currentVersion").asLong(-1) != currentVersion) {
                return "412 names currentVersion " + body.path("currentVersion") + ", expected " + currentVersion;
            }
        } catch (java.io.IOException e) {
            return "412 body is not JSON: " + a.body();
        }
        return null;
    }

    static int countOk(CommandLoad load, String phase) {
        return (int) load.answers().stream()
                .filter(a -> a.ok() && a.phase().equals(phase))
                .count();
    }

    static void nonOk(CommandLoad load, List<String> failures, String why) {
        Map<String, Long> refused = load.answers().stream()
                .filter(a -> !a.ok())
                .collect(Collectors.groupingBy(
                        a -> a.phase() + ": " + a.status(), LinkedHashMap::new, Collectors.counting()));
        if (!refused.isEmpty()) {
            failures.add("commands not accepted (" + why + "): " + refused + " " + load.rejections());
        }
    }
}
