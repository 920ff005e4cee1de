package io.tracker.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shared bad records (src/test/resources/bad-records, replayed into both consumers by their own tests) are
 * well formed: each starts from a published sample of the topic's producer and expects a reason the AsyncAPI
 * documents declare for {@code dead-letter-reason}; every reason is covered at least once.
 */
class BadRecordsCorpusTest {

    @Test
    void every_bad_record_names_a_published_sample_and_a_declared_reason() throws IOException {
        Set<String> reasons = new HashSet<>();
        ContractFiles.asyncApi("negotiation-service")
                .at("/components/schemas/DeadLetterHeaders/properties/dead-letter-reason/enum")
                .forEach(r -> reasons.add(r.asText()));
        assertFalse(reasons.isEmpty());
        Set<String> samples = new HashSet<>();
        ContractFiles.files("tracker-contract", "negotiation-service", "samples")
                .forEach(p -> samples.add(p.getFileName().toString().replace(".json", "")));
        Set<String> used = new HashSet<>();
        List<Path> files = files();
        assertTrue(files.size() >= 20, "the corpus is there: " + files.size());
        for (Path file : files) {
            JsonNode bad = ContractFiles.json(file);
            String name = file.getFileName().toString();
            assertTrue(samples.contains(bad.path("sample").asText()), name + ": sample " + bad.path("sample"));
            assertTrue(reasons.contains(bad.path("reason").asText()), name + ": reason " + bad.path("reason"));
            assertFalse(bad.path("description").asText().isBlank(), name + ": description");
            assertTrue(bad.has("attributes") || bad.has("data") || bad.has("value"), name + ": changes nothing");
            used.add(bad.path("reason").asText());
        }
        assertTrue(used.containsAll(reasons), "every reason has a bad record: " + used + " of " + reasons);
    }

    private static List<Path> files() {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/bad-records"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
