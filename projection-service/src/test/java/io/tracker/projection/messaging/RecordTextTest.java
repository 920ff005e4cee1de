package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.support.Sample;

/**
 * The value's UTF-8 and its content type, checked on the quick paths (the bytes checked in place by {@link Utf8}, the
 * plain {@code application/json} before the regex): malformed UTF-8 is still {@code NOT_JSON}, a U+FFFD the producer
 * wrote is still read as written, a content type with parameters still accepted, another still refused.
 */
class RecordTextTest {
    private final RecordReader reader = new RecordReader();

    @Test
    void malformedUtf8IsNotJson() {
        for (byte[] bad : new byte[][] {
            {(byte) 0xC3, (byte) 0x28}, // a lead byte without its continuation
            {(byte) 0xE2, (byte) 0x82}, // a three-byte sequence cut short
            {(byte) 0xC0, (byte) 0xAF}, // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate encoded as UTF-8
            {(byte) 0xFF}
        }) {
            Incoming in = reader.read(withTitleBytes(bad), StreamKind.NEGOTIATION);
            Incoming.Poison p = assertInstanceOf(Incoming.Poison.class, in, Arrays.toString(bad));
            assertEquals(PoisonReason.NOT_JSON, p.reason(), Arrays.toString(bad));
            assertEquals("the value is not UTF-8 text", p.detail());
        }
    }

    @Test
    void aReplacementCharacterWrittenByTheProducerIsReadAsWritten() {
        String title = "Forum \uFFFD Café ✓ 한국";
        Incoming in = reader.read(withTitleBytes(title.getBytes(StandardCharsets.UTF_8)), StreamKind.NEGOTIATION);
        Incoming.Event e = assertInstanceOf(Incoming.Event.class, in, () -> ((Incoming.Poison) in).detail());
        assertEquals(
                true,
                new String(e.payload(), StandardCharsets.UTF_8).contains(title),
                new String(e.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void aContentTypeWithParametersIsJsonAndAnotherIsNot() {
        Sample sample = Sample.of("NegotiationOpened");
        for (String type : new String[] {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON"}) {
            Incoming in =
                    reader.read(sample.attribute("datacontenttype", type).toConsumerRecord(0), StreamKind.NEGOTIATION);
            assertInstanceOf(Incoming.Event.class, in, type);
        }
        for (String type : new String[] {"application/jsonx", "text/json", "application/xml"}) {
            Incoming in =
                    reader.read(sample.attribute("datacontenttype", type).toConsumerRecord(0), StreamKind.NEGOTIATION);
            assertEquals(
                    PoisonReason.NOT_JSON,
                    assertInstanceOf(Incoming.Poison.class, in, type).reason(),
                    type);
        }
    }

    /** The sample NegotiationOpened record whose value has {@code title} replaced by these bytes, as they are. */
    private static ConsumerRecord<String, byte[]> withTitleBytes(byte[] title) {
        Sample sample = Sample.of("NegotiationOpened").set("/title", "\"@@TITLE@@\"");
        ConsumerRecord<String, byte[]> r = sample.toConsumerRecord(0);
        byte[] value = r.value();
        String text = new String(value, StandardCharsets.UTF_8);
        int at = text.indexOf("@@TITLE@@");
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + "@@TITLE@@".length()).getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[before.length + title.length + after.length];
        System.arraycopy(before, 0, joined, 0, before.length);
        System.arraycopy(title, 0, joined, before.length, title.length);
        System.arraycopy(after, 0, joined, before.length + title.length, after.length);
        return Sample.withValue(r, joined);
    }
}
