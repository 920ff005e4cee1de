package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.SdkRecords;

/**
 * The consumer reads records that the official CloudEvents Java SDK wrote (its JSON format reads each golden
 * sample, its Kafka binding writes it in binary mode) exactly as it reads the producers' own records.
 */
class SdkInteropTest {
    private final RecordReader reader = new RecordReader();

    @Test
    void everySampleWrittenByTheSdkReadsAsTheSameEvent() {
        int read = 0;
        for (Path file : Sample.all()) {
            Sample sample = Sample.read(file);
            StreamKind kind = sample.isInvestment() ? StreamKind.INVESTMENT : StreamKind.NEGOTIATION;
            ConsumerRecord<String, byte[]> sdk = SdkRecords.consumed(sample, 0);
            assertNotNull(sdk.headers().lastHeader("ce_specversion"), "binary mode: " + file);
            assertEquals(
                    "application/json",
                    new String(sdk.headers().lastHeader("content-type").value()));
            Incoming fromSdk = reader.read(sdk, kind);
            Incoming own = reader.read(sample.toConsumerRecord(0), kind);
            assertInstanceOf(Incoming.Event.class, fromSdk, file + ": " + fromSdk);
            assertEquals(((Incoming.Event) own).event(), ((Incoming.Event) fromSdk).event(), file.toString());
            assertEquals(((Incoming.Event) own).schemaVersion(), ((Incoming.Event) fromSdk).schemaVersion());
            read++;
        }
        assertEquals(27, read, "21 samples of 1.0.0, FactCorrected v2 and the five indicator and claim types of 1.1.0");
    }
}
