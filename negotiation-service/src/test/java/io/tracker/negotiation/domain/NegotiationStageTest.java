package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.CanadaKorea.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;

/** The stage model, on the Canada–Korea story and on corrections, retractions, stalls and termination. */
class NegotiationStageTest {
    private final NegotiationDecider decider = new NegotiationDecider();

    private record Step(NegotiationCommand command, NegotiationEvent event, Stage stage) {}

    @Test
    void the_canada_korea_story_moves_through_every_progress_stage() {
        List<Step> story = List.of(
                new Step(open(), opened(), Stage.OPENED), // v1
                new Step(meetLeaders(), leadersMet(), Stage.LEADERS_ENGAGED), // v2 Gyeongju
                new Step(holdTalks(), talksHeld(), Stage.LEADERS_ENGAGED), // v3 Ottawa talks
                new Step(signMou(), mouSigned(), Stage.MOU_SIGNED), // v4
                new Step(formCommittee(), committeeFormed(), Stage.COMMITTEE_FORMED), // v5
                new Step(establishForum(), forumEstablished(), Stage.COMMITTEE_FORMED), // v6 only announced
                new Step(announceMission(), missionAnnounced(), Stage.COMMITTEE_FORMED),
                new Step(correctTalksDate(), talksDateCorrected(), Stage.COMMITTEE_FORMED),
                new Step(meetLeaders(), leadersMet(), Stage.COMMITTEE_FORMED), // v9 a duplicate
                new Step(retractDuplicate(), duplicateRetracted(), Stage.COMMITTEE_FORMED),
                new Step(stall(), stalled(), Stage.STALLED), // illustrative from here
                new Step(resume(), resumed(), Stage.COMMITTEE_FORMED),
                new Step(completeMission(), missionCompleted(), Stage.IMPLEMENTATION),
                new Step(conclude(), concluded(), Stage.CONCLUDED));

        NegotiationState state = decider.initialState();
        assertNull(state.stage());
        for (int i = 0; i < story.size(); i++) {
            Step step = story.get(i);
            assertEquals(
                    Decision.accept(step.event()),
                    decider.decide(step.command(), state),
                    "decision for version " + (i + 1));
            state = decider.evolve(state, step.event());
            assertEquals(i + 1, state.version());
            assertEquals(step.stage(), state.stage(), "stage after version " + (i + 1));
        }
        List<RecordedFact> facts =
                NegotiationFacts.of(story.stream().map(Step::event).toList());
        RecordedFact third =
                facts.stream().filter(f -> f.version() == 3).findFirst().orElseThrow();
        assertEquals("2026-01-late", third.current().date().text(), "the facts shown in full carry the correction");
        assertEquals(
                FactDigest.of(third.current()),
                state.fact(3).orElseThrow().digest(),
                "the decision state keeps the corrected fact's digest");
        assertTrue(state.fact(9).orElseThrow().retracted());
    }

    @Test
    void termination_overlays_the_progress_and_keeps_accepting_corrections() {
        NegotiationState state = decider.fold(with(reported(), terminated()));
        assertEquals(Stage.TERMINATED, state.stage());
        assertEquals(Stage.COMMITTEE_FORMED, state.progress());

        CorrectFact correction = new CorrectFact(
                ID,
                2,
                FactBuilder.from(GYEONGJU_MEETING).date("2025-10-29").build(),
                "A more precise date.",
                RECORDED_ON);
        NegotiationEvent corrected = accepted(decider.decide(correction, state));
        assertEquals(Stage.TERMINATED, decider.evolve(state, corrected).stage());
    }

    @Test
    void resuming_returns_to_the_stage_reached_including_facts_recorded_while_stalled() {
        NegotiationState state = decider.fold(List.of(opened(), leadersMet(), stalled()));
        assertEquals(Stage.STALLED, state.stage());
        state = decider.evolve(state, mouSigned());
        assertEquals(Stage.STALLED, state.stage());
        assertEquals(Stage.MOU_SIGNED, decider.evolve(state, resumed()).stage());
    }

    @Test
    void retracting_a_fact_gives_back_the_stage_the_other_facts_reach() {
        NegotiationState state = decider.fold(List.of(opened(), leadersMet()));
        NegotiationEvent retracted =
                accepted(decider.decide(new RetractFact(ID, 2, "Wrong negotiation.", List.of()), state));
        assertEquals(Stage.OPENED, decider.evolve(state, retracted).stage());
    }

    @Test
    void correcting_an_announced_fact_to_occurred_moves_the_stage() {
        NegotiationState state =
                decider.fold(List.of(opened(), leadersMet(), mouSigned(), committeeFormed(), forumEstablished()));
        assertEquals(Stage.COMMITTEE_FORMED, state.stage());
        Fact forumSetUp = FactBuilder.from(FORUM_FACT)
                .date("2026-01-29")
                .status(FactStatus.OCCURRED)
                .build();
        NegotiationEvent corrected = accepted(decider.decide(
                new CorrectFact(ID, 5, forumSetUp, "Illustrative: the forum was set up.", RECORDED_ON), state));
        assertEquals(Stage.IMPLEMENTATION, decider.evolve(state, corrected).stage());
    }

    @Test
    void implementation_needs_an_mou_or_agreement() {
        Fact forumSetUp = FactBuilder.from(FORUM_FACT)
                .date("2026-01-29")
                .status(FactStatus.OCCURRED)
                .build();
        NegotiationState state = decider.fold(List.of(
                opened(), leadersMet(), new NegotiationEvent.ForumEstablished(ID, forumSetUp, FORUM, FORUM_PURPOSE)));
        assertEquals(Stage.LEADERS_ENGAGED, state.stage());
        assertEquals(Stage.IMPLEMENTATION, decider.evolve(state, mouSigned()).stage());
    }

    @Test
    void only_facts_that_occurred_move_the_stage() {
        Fact planned =
                FactBuilder.from(MOU).status(FactStatus.PLANNED).date("2026-Q2").build();
        NegotiationState state = decider.fold(
                List.of(opened(), new NegotiationEvent.MouSigned(ID, planned, MOU_TITLE, List.of(JOLY, KIM))));
        assertEquals(Stage.OPENED, state.stage());
    }

    private static List<NegotiationEvent> with(List<NegotiationEvent> events, NegotiationEvent next) {
        List<NegotiationEvent> all = new ArrayList<>(events);
        all.add(next);
        return all;
    }

    private static NegotiationEvent accepted(Decision<NegotiationEvent> decision) {
        if (decision instanceof Decision.Accepted<NegotiationEvent> accepted
                && accepted.events().size() == 1) {
            return accepted.events().get(0);
        }
        throw new AssertionError("expected one event, got " + decision);
    }
}
