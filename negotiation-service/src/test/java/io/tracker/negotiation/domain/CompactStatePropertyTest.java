package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.CanadaKorea.AGREEMENT;
import static io.tracker.negotiation.domain.CanadaKorea.COMMITTEE_FACT;
import static io.tracker.negotiation.domain.CanadaKorea.FORUM_FACT;
import static io.tracker.negotiation.domain.CanadaKorea.GYEONGJU_MEETING;
import static io.tracker.negotiation.domain.CanadaKorea.ID;
import static io.tracker.negotiation.domain.CanadaKorea.ILLUSTRATION;
import static io.tracker.negotiation.domain.CanadaKorea.JOLY;
import static io.tracker.negotiation.domain.CanadaKorea.KIM;
import static io.tracker.negotiation.domain.CanadaKorea.LATER;
import static io.tracker.negotiation.domain.CanadaKorea.MISSION;
import static io.tracker.negotiation.domain.CanadaKorea.MISSION_DONE;
import static io.tracker.negotiation.domain.CanadaKorea.MOU;
import static io.tracker.negotiation.domain.CanadaKorea.OTTAWA_TALKS;
import static io.tracker.negotiation.domain.CanadaKorea.OTTAWA_TALKS_CORRECTED;
import static io.tracker.negotiation.domain.CanadaKorea.RECORDED_ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.NegotiationCommand.AnnounceTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.CompleteTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.ConcludeAgreement;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.EstablishForum;
import io.tracker.negotiation.domain.NegotiationCommand.FormCommittee;
import io.tracker.negotiation.domain.NegotiationCommand.RecordLeadersMeeting;
import io.tracker.negotiation.domain.NegotiationCommand.RecordTalks;
import io.tracker.negotiation.domain.NegotiationCommand.ResumeNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationCommand.SignMou;
import io.tracker.negotiation.domain.NegotiationCommand.StallNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.TerminateNegotiation;

/**
 * Property: over random histories (commands of every kind, valid or not, on facts that are corrected, retracted,
 * re-corrected), the compact decision state decides exactly as the full state the decider used to fold — same
 * events or same rejection, same stage — at every step. The reference is {@link FullNegotiationDecider}, the
 * former decider kept in the tests.
 */
class CompactStatePropertyTest {
    private static final int HISTORIES = 400;
    private static final int COMMANDS = 60;

    private final NegotiationDecider compact = new NegotiationDecider();
    private final FullNegotiationDecider full = new FullNegotiationDecider();

    private static final List<Fact> FACTS = List.of(
            GYEONGJU_MEETING,
            OTTAWA_TALKS,
            OTTAWA_TALKS_CORRECTED,
            MOU,
            COMMITTEE_FACT,
            FORUM_FACT,
            MISSION,
            MISSION_DONE,
            AGREEMENT,
            FactBuilder.from(MOU).status(FactStatus.ANNOUNCED).build(),
            FactBuilder.from(COMMITTEE_FACT).status(FactStatus.PLANNED).build(),
            FactBuilder.from(FORUM_FACT)
                    .status(FactStatus.OCCURRED)
                    .date("2026-01")
                    .build(),
            FactBuilder.from(AGREEMENT).status(FactStatus.ANNOUNCED).build(),
            FactBuilder.from(MISSION_DONE).place(null).build());
    private static final List<String> MISSIONS = List.of("mission-one", "mission-two", "mission-three");

    @Test
    void theCompactStateDecidesAsTheFullStateOnRandomHistories() {
        Set<String> outcomes = new HashSet<>();
        int accepted = 0;
        for (int seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            NegotiationState c = compact.evolve(compact.initialState(), CanadaKorea.opened());
            FullNegotiationState f = full.evolve(full.initialState(), CanadaKorea.opened());
            for (int step = 0; step < COMMANDS; step++) {
                NegotiationCommand command = command(random, c.version());
                Decision<NegotiationEvent> byCompact = compact.decide(command, c);
                Decision<NegotiationEvent> byFull = full.decide(command, f);
                String where = "seed " + seed + ", step " + step + ", " + command;
                assertEquals(byFull, byCompact, where);
                if (byCompact instanceof Decision.Accepted<NegotiationEvent> a) {
                    accepted++;
                    outcomes.add("accepted " + command.kind());
                    for (NegotiationEvent e : a.events()) {
                        c = compact.evolve(c, e);
                        f = full.evolve(f, e);
                    }
                } else {
                    outcomes.add(((Decision.Rejected<NegotiationEvent>) byCompact)
                            .error()
                            .code());
                }
                assertEquals(f.version(), c.version(), where);
                assertEquals(f.stage(), c.stage(), where);
                assertEquals(f.progress(), c.progress(), where);
            }
        }
        // the histories reach the rules that depend on the folded facts, not only the easy paths
        for (String expected : List.of(
                "correction-changes-nothing",
                "fact-already-retracted",
                "fact-has-dependants",
                "committee-requires-mou",
                "trade-mission-already-announced",
                "trade-mission-not-announced",
                "trade-mission-already-completed",
                "correction-target-not-a-fact",
                "negotiation-terminated",
                "accepted CORRECT_FACT",
                "accepted RETRACT_FACT",
                "accepted COMPLETE_TRADE_MISSION")) {
            assertTrue(outcomes.contains(expected), expected + " never came up: " + outcomes);
        }
        assertTrue(accepted > HISTORIES * 5, "enough accepted commands to grow the states: " + accepted);
    }

    @Test
    void aLongStreamFoldsInLinearTimeIntoACompactState() {
        List<NegotiationEvent> events = new ArrayList<>(List.of(CanadaKorea.opened()));
        for (int i = 0; i < 20_000; i++) {
            events.add(
                    i % 3 == 2
                            ? new NegotiationEvent.FactCorrected(ID, events.size(), OTTAWA_TALKS_CORRECTED, "r")
                            : new NegotiationEvent.TalksHeld(ID, OTTAWA_TALKS, TalksLevel.DELEGATION, "talks " + i));
        }
        NegotiationState folded = compact.fold(events); // copying a map per event: 2 * 10^8 entry copies
        assertEquals(20_001, folded.version());
        // version 19,999 corrected the talks at 19,998: correcting them to the same fact again changes nothing
        CorrectFact unchanged = new CorrectFact(ID, 19_998, OTTAWA_TALKS_CORRECTED, "again", RECORDED_ON);
        assertEquals(
                "correction-changes-nothing",
                ((Decision.Rejected<NegotiationEvent>) compact.decide(unchanged, folded))
                        .error()
                        .code());
        CorrectFact changed = new CorrectFact(ID, 19_997, OTTAWA_TALKS_CORRECTED, "first", RECORDED_ON);
        assertTrue(compact.decide(changed, folded) instanceof Decision.Accepted, "19,997 was never corrected");
        assertTrue(folded.estimatedBytes() < 20_001L * 300, "compact: " + folded.estimatedBytes() + " bytes");
    }

    /** The benchmark writes uniformly over 4,050 negotiations of 25-50 events: their states fit the default budget. */
    @Test
    void theBenchmarksNegotiationsFitTheDefaultBudget() {
        List<NegotiationEvent> events = new ArrayList<>(CanadaKorea.reported());
        while (events.size() < 50) {
            events.add(events.size() % 2 == 0 ? CanadaKorea.leadersMet() : CanadaKorea.talksHeld());
        }
        long perState = compact.fold(events).estimatedBytes();
        long defaultBudget = 48L << 20; // tracker.command.kept-state-bytes in application.properties
        assertTrue(
                perState * 4_050 < defaultBudget / 2, "a 50-event negotiation is estimated at " + perState + " bytes");
    }

    private static NegotiationCommand command(Random r, long version) {
        Fact fact = FACTS.get(r.nextInt(FACTS.size()));
        LocalDate on = r.nextBoolean() ? LATER : RECORDED_ON;
        String mission = MISSIONS.get(r.nextInt(MISSIONS.size()));
        long target = r.nextInt((int) version + 2);
        return switch (r.nextInt(14)) {
            case 0 -> new RecordLeadersMeeting(ID, fact, "summary", on);
            case 1 -> new RecordTalks(ID, fact, TalksLevel.DELEGATION, "talks", on);
            case 2 -> new SignMou(ID, fact, "mou", List.of(JOLY, KIM), on);
            case 3 -> new FormCommittee(ID, fact, "committee", "mandate", on);
            case 4 -> new EstablishForum(ID, fact, "forum", "purpose", on);
            case 5 -> new AnnounceTradeMission(ID, MISSION, mission, "mission", on);
            case 6 -> new CompleteTradeMission(ID, r.nextBoolean() ? MISSION_DONE : MISSION, mission, "outcome", LATER);
            case 7 -> new ConcludeAgreement(ID, fact, "agreement", "summary", on);
            case 8 -> new StallNegotiation(ID, BusinessDate.parse("2026-03"), "stall", List.of(ILLUSTRATION), LATER);
            case 9 ->
                new ResumeNegotiation(
                        ID,
                        BusinessDate.parse(r.nextBoolean() ? "2026-04" : "2026-02"),
                        "resume",
                        List.of(ILLUSTRATION),
                        LATER);
            case 10 ->
                r.nextInt(6) == 0
                        ? new TerminateNegotiation(
                                ID, BusinessDate.parse("2026-06"), "end", List.of(ILLUSTRATION), LATER)
                        : new RetractFact(ID, target, "retracted", List.of());
            case 11 -> new RetractFact(ID, target, "retracted", List.of());
            default -> new CorrectFact(ID, target, fact, "corrected", LATER);
        };
    }
}
