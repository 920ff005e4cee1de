package io.tracker.negotiation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.tracker.core.messaging.UnknownEventException;
import io.tracker.negotiation.domain.CanadaKorea;

/** What the codec refuses to read, and what it tolerates. */
class NegotiationEventCodecTest {
    private final NegotiationEventCodec codec = new NegotiationEventCodec();
    private final String mouJson = Contract.sample("MouSigned").get("data").toString();

    @Test
    void has_the_negotiation_stream_type() {
        assertEquals("negotiation", codec.streamType());
    }

    @Test
    void an_unknown_type_is_an_unknown_event() {
        assertThrows(UnknownEventException.class, () -> codec.decode("TreatyRatified", 1, mouJson));
        assertThrows(UnknownEventException.class, () -> codec.decode("MOU_SIGNED", 1, mouJson));
    }

    @Test
    void an_unknown_schema_version_is_an_unknown_event() {
        assertThrows(UnknownEventException.class, () -> codec.decode("MouSigned", 2, mouJson));
        assertThrows(UnknownEventException.class, () -> codec.decode("MouSigned", 0, mouJson));
    }

    @Test
    void json_it_cannot_read_is_an_unknown_event() {
        assertThrows(UnknownEventException.class, () -> codec.decode("MouSigned", 1, "{not json"));
        assertThrows(UnknownEventException.class, () -> codec.decode("MouSigned", 1, "{\"negotiationId\":\"x\"}"));
        assertThrows(
                UnknownEventException.class,
                () -> codec.decode("MouSigned", 1, mouJson.replace("\"OCCURRED\"", "\"RUMOURED\"")));
        assertThrows(
                UnknownEventException.class,
                () -> codec.decode("MouSigned", 1, mouJson.replace("\"text\":\"2026-01-29\"", "\"text\":\"soon\"")));
    }

    @Test
    void unknown_properties_are_ignored() {
        String withExtra = mouJson.replaceFirst("\\{", "{\"addedInALaterMinorRevision\":true,");
        assertEquals(CanadaKorea.mouSigned(), codec.decode("MouSigned", 1, withExtra));
    }
}
