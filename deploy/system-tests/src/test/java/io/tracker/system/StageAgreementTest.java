package io.tracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.negotiation.domain.NegotiationDecider;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationState;
import io.tracker.negotiation.messaging.NegotiationEventCodec;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;

/**
 * The projection keeps stage rules of its own (it never depends on producer code); this test checks that they agree
 * with negotiation-service's. The same stories, made of the producer's published events only (its golden samples,
 * and variations of them in the samples' shapes), are fed step by step to both sides: the producer's codec and
 * decider ({@code NegotiationState.stage()}, {@code progress()}) and the projection's record reader and stage rules
 * ({@code AgreementStatusCalculator}, the answer of {@code GET /agreements/{id}}). After every step both must name
 * the same stage and the same progress.
 * <p>
 * It lives here, in the whole-system module, with both services as test-scoped dependencies: neither service (nor
 * its tests) depends on the other's code, and the comparison needs both rule sets side by side in one JVM.
 */
class StageAgreementTest {
    private static final Path SAMPLES = Path.of(
            System.getProperty("repo.root", "../.."),
            "negotiation-service/src/main/resources/META-INF/resources/contract/samples");
    private static final String TOPIC = "tracker.negotiation.events";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSamplesStoryEndingInAnAgreement() throws IOException {
        List<ObjectNode> story = february("concluded");
        story.addAll(june("concluded", "AgreementConcluded"));
        for (String figure : List.of(
                "IndicatorRecorded", "IndicatorCorrected", "IndicatorRetracted", "ClaimRecorded", "ClaimRetracted")) {
            story.add(sample(figure, "concluded"));
        }
        Set<String> stages = bothAgreeAtEveryStep(story);
        assertTrue(
                stages.containsAll(List.of(
                        "OPENED",
                        "LEADERS_ENGAGED",
                        "MOU_SIGNED",
                        "COMMITTEE_FORMED",
                        "STALLED",
                        "IMPLEMENTATION",
                        "CONCLUDED")),
                "the story goes through every stage but termination: " + stages);
    }

    @Test
    void theSamplesStoryEndingInTermination() throws IOException {
        List<ObjectNode> story = february("terminated");
        story.addAll(june("terminated", "NegotiationTerminated"));
        Set<String> stages = bothAgreeAtEveryStep(story);
        assertTrue(stages.contains("TERMINATED"), "the story ends terminated: " + stages);
    }

    /**
     * The rules' corners, in the samples' shapes: a forum established before any MOU, an MOU only announced, then
     * corrected to have occurred (an upcast FactCorrected v1), a committee, the MOU retracted, stalled, resumed.
     */
    @Test
    void theRulesCornersAgreeToo() throws IOException {
        String s = "corners";
        List<ObjectNode> story = new ArrayList<>();
        story.add(sample("NegotiationOpened", s));
        story.add(withStatus(at(sample("ForumEstablished", s), 2, "2026-02-02T14:01:00Z"), "OCCURRED"));
        ObjectNode mou = withStatus(at(sample("MouSigned", s), 3, "2026-02-02T14:02:00Z"), "ANNOUNCED");
        story.add(mou);
        JsonNode occurredMou = mou.at("/data/fact").deepCopy();
        ((ObjectNode) occurredMou).put("status", "OCCURRED");
        ObjectNode correction = at(sample("FactCorrected.v1", s), 4, "2026-02-02T14:03:00Z");
        ((ObjectNode) correction.get("data")).put("targetVersion", 3).set("corrected", occurredMou);
        story.add(correction);
        story.add(at(sample("CommitteeFormed", s), 5, "2026-02-02T14:04:00Z"));
        ObjectNode retraction = at(sample("FactRetracted", s), 6, "2026-02-02T14:05:00Z");
        ((ObjectNode) retraction.get("data")).put("targetVersion", 3);
        story.add(retraction);
        story.add(at(sample("NegotiationStalled", s), 7, "2026-02-02T14:06:00Z"));
        story.add(at(sample("NegotiationResumed", s), 8, "2026-02-02T14:07:00Z"));
        Set<String> stages = bothAgreeAtEveryStep(story);
        assertTrue(
                stages.containsAll(List.of("OPENED", "IMPLEMENTATION", "COMMITTEE_FORMED", "STALLED")),
                "the corners are visited: " + stages);
    }

    /** Feeds the story event by event to both sides; returns the stages seen, in order. */
    private static Set<String> bothAgreeAtEveryStep(List<ObjectNode> story) {
        NegotiationEventCodec codec = new NegotiationEventCodec();
        NegotiationDecider decider = new NegotiationDecider();
        NegotiationState producer = decider.initialState();
        RecordReader reader = new RecordReader();
        List<RecordedEvent> projected = new ArrayList<>();
        Set<String> stages = new LinkedHashSet<>();
        for (int i = 0; i < story.size(); i++) {
            ObjectNode ce = story.get(i);
            String step = "step " + (i + 1) + " (" + ce.get("type").asText() + " v"
                    + ce.get("streamversion").asText() + ")";
            NegotiationEvent event = codec.decode(
                    ce.get("type").asText(),
                    ce.get("schemaversion").asInt(),
                    ce.get("data").toString());
            producer = decider.evolve(producer, event);

            Incoming in = reader.read(record(ce, i), StreamKind.NEGOTIATION);
            Incoming.Event read = assertInstanceOf(Incoming.Event.class, in, step + ": the projection reads it: " + in);
            projected.add(read.event());
            Optional<AgreementStatus> status =
                    AgreementStatusCalculator.status(ce.get("subject").asText(), projected, AsOf.NOW);

            assertTrue(status.isPresent(), step + ": the projection knows the agreement");
            assertEquals(name(producer.stage()), status.get().stage().name(), step + ": the stage");
            assertEquals(name(producer.progress()), status.get().progress().name(), step + ": the progress");
            stages.add(status.get().stage().name());
        }
        return stages;
    }

    private static String name(Enum<?> stage) {
        return stage == null ? null : stage.name();
    }

    /** As published: binary mode, each attribute a {@code ce_<name>} header, the value {@code data}. */
    private static ConsumerRecord<String, byte[]> record(ObjectNode ce, long offset) {
        RecordHeaders headers = new RecordHeaders();
        Iterator<Map.Entry<String, JsonNode>> fields = ce.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("data") || f.getValue().isNull()) {
                continue;
            }
            String name = f.getKey().equals("datacontenttype") ? "content-type" : "ce_" + f.getKey();
            headers.add(name, f.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        byte[] value = ce.get("data").toString().getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(
                TOPIC,
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                value.length,
                ce.get("subject").asText(),
                value,
                headers,
                Optional.empty());
    }

    /** The samples of February 2026 (v1–v10), v9 a second copy of the leaders' meeting that v10 retracts. */
    private static List<ObjectNode> february(String story) throws IOException {
        List<ObjectNode> s = new ArrayList<>();
        for (String type : List.of(
                "NegotiationOpened",
                "LeadersMet",
                "TalksHeld",
                "MouSigned",
                "CommitteeFormed",
                "ForumEstablished",
                "TradeMissionAnnounced",
                "FactCorrected.v2")) {
            s.add(sample(type, story));
        }
        s.add(at(sample("LeadersMet", story), 9, "2026-02-02T15:30:00Z"));
        s.add(sample("FactRetracted", story));
        return s;
    }

    /** The samples of June 2026 (v11–v14): stalled, resumed, mission completed, then {@code ending}. */
    private static List<ObjectNode> june(String story, String ending) throws IOException {
        List<ObjectNode> s = new ArrayList<>();
        for (String type : List.of("NegotiationStalled", "NegotiationResumed", "TradeMissionCompleted", ending)) {
            s.add(sample(type, story));
        }
        return s;
    }

    /** A golden sample as a structured-mode CloudEvent ({@code Type} is version 1, or {@code Type.vN}), its own id per story. */
    private static ObjectNode sample(String type, String story) throws IOException {
        String file = type.contains(".v") ? type + ".json" : type + ".v1.json";
        ObjectNode ce = (ObjectNode) MAPPER.readTree(SAMPLES.resolve(file).toFile());
        return ce.put(
                "id",
                UUID.nameUUIDFromBytes((story + ce.get("id").asText()).getBytes(StandardCharsets.UTF_8))
                        .toString());
    }

    /** The sample moved to another stream version and recorded time (a new event: a new id). */
    private static ObjectNode at(ObjectNode ce, int version, String time) {
        return ce.put("streamversion", Integer.toString(version))
                .put("time", time)
                .put(
                        "id",
                        UUID.nameUUIDFromBytes((ce.get("id").asText() + version).getBytes(StandardCharsets.UTF_8))
                                .toString());
    }

    /** The sample's fact with another status (OCCURRED, ANNOUNCED, PLANNED). */
    private static ObjectNode withStatus(ObjectNode ce, String status) {
        ((ObjectNode) ce.get("data").get("fact")).put("status", status);
        return ce;
    }
}
