package io.tracker.core.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.core.store.CommandContext;

/** Builds a {@link CommandContext} from the request's headers and body. */
public final class CommandContexts {
    private static final int MAX_KEY_LENGTH = 200;

    private CommandContexts() {}

    /**
     * @param idempotencyKey the Idempotency-Key header (may be null)
     * @param correlationId  the X-Correlation-Id header (a new one is made when absent)
     * @param what           a name for the command (part of the request fingerprint)
     * @param body           the request body, fingerprinted (only when a key is sent) so that a key reused for
     *                       another request is refused
     */
    public static CommandContext of(
            ObjectMapper mapper, String idempotencyKey, String correlationId, String actor, String what, Object body) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > MAX_KEY_LENGTH
                        || !idempotencyKey.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new BadHeaderException(
                    "Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        if (correlationId != null
                && (correlationId.length() > MAX_KEY_LENGTH
                        || !correlationId.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new BadHeaderException(
                    "X-Correlation-Id",
                    "X-Correlation-Id must be at most " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        // the command is the cause of its events: one id per request, shared by the events it appends
        String commandId = UUID.randomUUID().toString();
        // the fingerprint only tells a retry from another request under the same key: no key, no fingerprint
        return new CommandContext(
                idempotencyKey,
                idempotencyKey == null ? null : fingerprint(mapper, what, body),
                correlationId == null ? commandId : correlationId,
                commandId,
                actor);
    }

    static String fingerprint(ObjectMapper mapper, String what, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(what.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(mapper.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
