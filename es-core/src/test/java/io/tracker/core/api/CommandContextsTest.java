package io.tracker.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.core.store.CommandContext;

/** The request fingerprint exists only to tell a retry from another request under the same Idempotency-Key. */
class CommandContextsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void withoutAKeyNoFingerprintIsComputed() {
        CommandContext context = CommandContexts.of(mapper, null, null, "alice", "mou:x", Map.of("a", 1));
        assertNull(context.requestHash());
    }

    @Test
    void withAKeyTheFingerprintTellsRequestsApart() {
        String first = CommandContexts.of(mapper, "k", null, "alice", "mou:x", Map.of("a", 1))
                .requestHash();
        assertEquals(
                first,
                CommandContexts.of(mapper, "k", null, "alice", "mou:x", Map.of("a", 1))
                        .requestHash());
        assertNotEquals(
                first,
                CommandContexts.of(mapper, "k", null, "alice", "mou:x", Map.of("a", 2))
                        .requestHash());
        assertNotEquals(
                first,
                CommandContexts.of(mapper, "k", null, "alice", "mou:y", Map.of("a", 1))
                        .requestHash());
    }
}
