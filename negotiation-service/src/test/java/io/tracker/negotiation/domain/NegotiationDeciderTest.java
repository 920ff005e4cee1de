package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.CanadaKorea.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.testing.DeciderSpec;
import io.tracker.negotiation.domain.NegotiationCommand.AnnounceTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.CompleteTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.ConcludeAgreement;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.EstablishForum;
import io.tracker.negotiation.domain.NegotiationCommand.FormCommittee;
import io.tracker.negotiation.domain.NegotiationCommand.OpenNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RecordLeadersMeeting;
import io.tracker.negotiation.domain.NegotiationCommand.RecordTalks;
import io.tracker.negotiation.domain.NegotiationCommand.ResumeNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationCommand.SignMou;
import io.tracker.negotiation.domain.NegotiationCommand.StallNegotiation;
import io.tracker.negotiation.domain.NegotiationEvent.AgreementConcluded;
import io.tracker.negotiation.domain.NegotiationEvent.MouSigned;

/** Every command of the Negotiation aggregate, accepted and rejected, as given / when / then. */
class NegotiationDeciderTest {
    private final DeciderSpec<NegotiationCommand, NegotiationEvent, NegotiationState> spec =
            new DeciderSpec<>(new NegotiationDecider()).versionedBy(NegotiationState::version);

    /** The story up to the MOU (versions 1 to 4). */
    private static NegotiationEvent[] upToMou() {
        return new NegotiationEvent[] {opened(), leadersMet(), talksHeld(), mouSigned()};
    }

    @Test
    void only_opening_creates_a_stream() {
        NegotiationDecider decider = new NegotiationDecider();
        assertTrue(decider.createsStream(open()));
        assertFalse(decider.createsStream(meetLeaders()));
        assertFalse(decider.createsStream(correctTalksDate()));
    }

    @Test
    void a_command_to_a_negotiation_that_was_never_opened_is_not_found() {
        spec.given().when(meetLeaders()).thenRejected(DomainError.Kind.NOT_FOUND, "negotiation-not-found");
    }

    @Nested
    class Opening {
        @Test
        void opens_a_negotiation() {
            spec.given().when(open()).then(opened());
        }

        @Test
        void rejects_an_existing_negotiation() {
            spec.given(opened())
                    .when(open())
                    .thenRejected(DomainError.Kind.ALREADY_EXISTS, "negotiation-already-exists");
        }

        @Test
        void rejects_an_id_that_is_not_a_slug() {
            spec.when(opening("CA_KR", TITLE, PARTIES)).thenRejected("invalid-negotiation-id", "negotiationId");
        }

        @Test
        void requires_a_title_and_a_description() {
            spec.when(opening(ID, " ", PARTIES)).thenRejected("value-required", "title");
            spec.when(new OpenNegotiation(ID, OPENING, TITLE, PARTIES, null, RECORDED_ON))
                    .thenRejected("value-required", "description");
        }

        @Test
        void requires_two_distinct_parties_with_country_codes() {
            spec.when(opening(ID, TITLE, List.of("CA"))).thenRejected("parties-required", "parties");
            spec.when(opening(ID, TITLE, List.of("CA", "UK"))).thenRejected("invalid-country-code", "parties[1]");
            spec.when(opening(ID, TITLE, List.of("CA", "CA"))).thenRejected("duplicate-party", "parties[1]");
        }

        private OpenNegotiation opening(String id, String title, List<String> parties) {
            return new OpenNegotiation(id, OPENING, title, parties, DESCRIPTION, RECORDED_ON);
        }
    }

    /** The details every fact carries, checked here on a leaders' meeting. */
    @Nested
    class FactDetails {
        @Test
        void requires_the_fact_and_its_date_status_and_recording_day() {
            spec.given(opened()).when(meeting(null)).thenRejected("value-required", "fact");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING).date(null).build()))
                    .thenRejected("value-required", "date");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING).status(null).build()))
                    .thenRejected("value-required", "status");
            spec.when(new RecordLeadersMeeting(ID, GYEONGJU_MEETING, null, null))
                    .thenRejected("value-required", "recordedOn");
        }

        @Test
        void checks_each_participant() {
            spec.given(opened());
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .participants(CARNEY, new Participant("Lee Jae Myung", "President", "Korea"))
                            .build()))
                    .thenRejected("invalid-country-code", "participants[1].country");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .participants(new Participant("", "Prime Minister", "CA"), LEE)
                            .build()))
                    .thenRejected("value-required", "participants[0].name");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .participants(CARNEY, new Participant("Lee Jae Myung", null, "KR"))
                            .build()))
                    .thenRejected("value-required", "participants[1].role");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .participants(CARNEY, null)
                            .build()))
                    .thenRejected("value-required", "participants[1]");
        }

        @Test
        void checks_the_place_when_there_is_one() {
            spec.given(opened());
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .place(new Place("Gyeongju", "ROK"))
                            .build()))
                    .thenRejected("invalid-country-code", "place.country");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .place(new Place(" ", "KR"))
                            .build()))
                    .thenRejected("value-required", "place.city");
            Fact unknownPlace = FactBuilder.from(GYEONGJU_MEETING).place(null).build();
            spec.when(meeting(unknownPlace)).then(new NegotiationEvent.LeadersMet(ID, unknownPlace, GYEONGJU_SUMMARY));
        }

        @Test
        void rejects_repeated_or_missing_focus_areas() {
            spec.given(opened());
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .focusAreas(FocusArea.TRADE, FocusArea.TRADE)
                            .build()))
                    .thenRejected("duplicate-focus-area", "focusAreas[1]");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .focusAreas((FocusArea) null)
                            .build()))
                    .thenRejected("value-required", "focusAreas[0]");
        }

        @Test
        void requires_valid_sources() {
            spec.given(opened());
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING).sources().build()))
                    .thenRejected("sources-required", "sources");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .sources(new Source(" ", "ISED", null, null, Source.Kind.OFFICIAL))
                            .build()))
                    .thenRejected("value-required", "sources[0].title");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .sources(ISED_RELEASE, new Source("Release", "", null, null, Source.Kind.OFFICIAL))
                            .build()))
                    .thenRejected("value-required", "sources[1].publisher");
            spec.when(meeting(FactBuilder.from(GYEONGJU_MEETING)
                            .sources(new Source("Release", "ISED", null, "ised.gc.ca/news", Source.Kind.OFFICIAL))
                            .build()))
                    .thenRejected("invalid-source-url", "sources[0].url");
        }

        @Test
        void an_occurred_fact_cannot_start_after_the_day_it_is_recorded() {
            spec.given(opened())
                    .when(new RecordLeadersMeeting(ID, GYEONGJU_MEETING, null, LocalDate.of(2025, 10, 20)))
                    .thenRejected("occurred-date-in-future", "date");
            spec.when(new RecordLeadersMeeting(ID, GYEONGJU_MEETING, null, LocalDate.of(2025, 10, 21)))
                    .then(new NegotiationEvent.LeadersMet(ID, GYEONGJU_MEETING, null));
        }

        @Test
        void a_planned_fact_may_lie_in_the_future() {
            Fact planned = FactBuilder.from(GYEONGJU_MEETING)
                    .status(FactStatus.PLANNED)
                    .date("2027")
                    .build();
            spec.given(opened())
                    .when(meeting(planned))
                    .then(new NegotiationEvent.LeadersMet(ID, planned, GYEONGJU_SUMMARY));
        }

        private RecordLeadersMeeting meeting(Fact fact) {
            return new RecordLeadersMeeting(ID, fact, GYEONGJU_SUMMARY, RECORDED_ON);
        }
    }

    @Nested
    class LeadersMeetings {
        @Test
        void records_a_meeting_of_the_leaders() {
            spec.given(opened()).when(meetLeaders()).then(leadersMet());
        }

        @Test
        void names_a_leader_of_every_party() {
            spec.given(opened())
                    .when(new RecordLeadersMeeting(
                            ID,
                            FactBuilder.from(GYEONGJU_MEETING)
                                    .participants(CARNEY)
                                    .build(),
                            null,
                            RECORDED_ON))
                    .thenRejected("participant-per-party-required", "participants");
        }
    }

    @Nested
    class Talks {
        @Test
        void records_talks() {
            spec.given(opened(), leadersMet()).when(holdTalks()).then(talksHeld());
        }

        @Test
        void names_a_participant_and_a_level() {
            spec.given(opened());
            spec.when(new RecordTalks(
                            ID,
                            FactBuilder.from(OTTAWA_TALKS).participants().build(),
                            TalksLevel.DELEGATION,
                            TALKS_SUMMARY,
                            RECORDED_ON))
                    .thenRejected("participants-required", "participants");
            spec.when(new RecordTalks(ID, OTTAWA_TALKS, null, TALKS_SUMMARY, RECORDED_ON))
                    .thenRejected("value-required", "level");
        }
    }

    @Nested
    class Mou {
        @Test
        void records_an_mou_signed_for_both_parties() {
            spec.given(opened(), leadersMet(), talksHeld()).when(signMou()).then(mouSigned());
        }

        @Test
        void names_a_signatory_of_every_party() {
            spec.given(opened());
            spec.when(signing(List.of(JOLY))).thenRejected("signatory-per-party-required", "signatories");
            spec.when(signing(List.of())).thenRejected("signatory-per-party-required", "signatories");
        }

        @Test
        void checks_each_signatory_and_the_title() {
            spec.given(opened());
            spec.when(signing(List.of(JOLY, new Participant("Jung-Kwan Kim", "Minister", "KOR"))))
                    .thenRejected("invalid-country-code", "signatories[1].country");
            spec.when(new SignMou(ID, MOU, "", List.of(JOLY, KIM), RECORDED_ON))
                    .thenRejected("value-required", "title");
        }

        private SignMou signing(List<Participant> signatories) {
            return new SignMou(ID, MOU, MOU_TITLE, signatories, RECORDED_ON);
        }
    }

    @Nested
    class Committee {
        @Test
        void is_formed_under_an_mou() {
            spec.given(upToMou()).when(formCommittee()).then(committeeFormed());
        }

        @Test
        void is_formed_under_an_agreement() {
            spec.given(opened(), concluded())
                    .when(new FormCommittee(ID, COMMITTEE_FACT, COMMITTEE, MANDATE, LATER))
                    .then(committeeFormed());
        }

        @Test
        void is_not_formed_without_an_mou_or_agreement() {
            spec.given(opened(), leadersMet()).when(formCommittee()).thenRejected("committee-requires-mou", null);
        }

        @Test
        void is_not_formed_under_a_retracted_mou() {
            spec.given(opened(), mouSigned(), new NegotiationEvent.FactRetracted(ID, 2, "Not signed.", List.of()))
                    .when(formCommittee())
                    .thenRejected("committee-requires-mou", null);
        }

        @Test
        void that_occurred_needs_an_mou_that_occurred_but_a_planned_one_may_follow_a_planned_mou() {
            Fact plannedMou = FactBuilder.from(MOU)
                    .status(FactStatus.PLANNED)
                    .date("2026-Q2")
                    .build();
            Fact plannedCommittee = FactBuilder.from(COMMITTEE_FACT)
                    .status(FactStatus.PLANNED)
                    .date("2026-Q3")
                    .build();
            spec.given(opened(), new MouSigned(ID, plannedMou, MOU_TITLE, List.of(JOLY, KIM)));
            spec.when(formCommittee()).thenRejected("committee-requires-mou", null);
            spec.when(new FormCommittee(ID, plannedCommittee, COMMITTEE, null, RECORDED_ON))
                    .then(new NegotiationEvent.CommitteeFormed(ID, plannedCommittee, COMMITTEE, null));
        }

        @Test
        void has_a_name() {
            spec.given(upToMou())
                    .when(new FormCommittee(ID, COMMITTEE_FACT, null, MANDATE, RECORDED_ON))
                    .thenRejected("value-required", "name");
        }
    }

    @Nested
    class Forum {
        @Test
        void records_an_announced_forum() {
            spec.given(upToMou()).when(establishForum()).then(forumEstablished());
        }

        @Test
        void has_a_name() {
            spec.given(opened())
                    .when(new EstablishForum(ID, FORUM_FACT, " ", FORUM_PURPOSE, RECORDED_ON))
                    .thenRejected("value-required", "name");
        }
    }

    @Nested
    class TradeMissions {
        @Test
        void announces_a_mission() {
            spec.given(upToMou()).when(announceMission()).then(missionAnnounced());
        }

        @Test
        void announces_a_mission_once_under_a_slug() {
            spec.given(opened(), missionAnnounced())
                    .when(announceMission())
                    .thenRejected("trade-mission-already-announced", "missionId");
            spec.when(new AnnounceTradeMission(ID, MISSION, "Team Canada", MISSION_TITLE, RECORDED_ON))
                    .thenRejected("invalid-mission-id", "missionId");
            spec.when(new AnnounceTradeMission(ID, MISSION, "another-mission", null, RECORDED_ON))
                    .thenRejected("value-required", "title");
        }

        @Test
        void completes_an_announced_mission() {
            spec.given(opened(), missionAnnounced()).when(completeMission()).then(missionCompleted());
        }

        @Test
        void completes_only_a_mission_that_was_announced_and_is_not_completed() {
            spec.given(opened()).when(completeMission()).thenRejected("trade-mission-not-announced", "missionId");
            spec.given(opened(), missionAnnounced(), new NegotiationEvent.FactRetracted(ID, 2, "Wrong.", List.of()))
                    .thenRejected("trade-mission-not-announced", "missionId");
            spec.given(opened(), missionAnnounced(), missionCompleted())
                    .thenRejected("trade-mission-already-completed", "missionId");
        }

        @Test
        void a_completed_mission_has_occurred_and_not_in_the_future() {
            spec.given(opened(), missionAnnounced());
            spec.when(completing(
                            FactBuilder.from(MISSION_DONE)
                                    .status(FactStatus.ANNOUNCED)
                                    .build(),
                            LATER))
                    .thenRejected("completion-must-have-occurred", "status");
            spec.when(completing(MISSION_DONE, RECORDED_ON)).thenRejected("occurred-date-in-future", "date");
        }

        private CompleteTradeMission completing(Fact fact, LocalDate recordedOn) {
            return new CompleteTradeMission(ID, fact, MISSION_ID, OUTCOME, recordedOn);
        }
    }

    @Nested
    class Agreement {
        @Test
        void concludes_an_agreement() {
            spec.given(upToMou()).when(conclude()).then(concluded());
        }

        @Test
        void concludes_once() {
            spec.given(opened(), concluded()).when(conclude()).thenRejected("agreement-already-concluded", null);
        }

        @Test
        void has_a_title() {
            spec.given(opened())
                    .when(new ConcludeAgreement(ID, AGREEMENT, "", null, LATER))
                    .thenRejected("value-required", "title");
        }

        @Test
        void may_be_concluded_again_once_the_first_is_retracted() {
            spec.given(opened(), concluded(), new NegotiationEvent.FactRetracted(ID, 2, "Wrong.", List.of()))
                    .when(conclude())
                    .then(concluded());
        }
    }

    @Nested
    class StallAndResume {
        @Test
        void stalls_and_resumes() {
            spec.given(upToMou()).when(stall()).then(stalled());
            spec.given(opened(), stalled()).when(resume()).then(resumed());
        }

        @Test
        void cannot_stall_when_stalled_nor_resume_when_not_stalled() {
            spec.given(opened(), stalled()).when(stall()).thenRejected("negotiation-already-stalled", null);
            spec.given(opened()).when(resume()).thenRejected("negotiation-not-stalled", null);
            spec.given(opened(), stalled(), resumed()).when(resume()).thenRejected("negotiation-not-stalled", null);
        }

        @Test
        void cannot_resume_before_the_stall() {
            spec.given(opened(), stalled())
                    .when(new ResumeNegotiation(
                            ID, BusinessDate.parse("2026-02"), RESUME_REASON, List.of(ILLUSTRATION), LATER))
                    .thenRejected("resume-before-stall", "date");
        }

        @Test
        void cannot_stall_after_an_agreement() {
            spec.given(opened(), concluded()).when(stall()).thenRejected("negotiation-concluded", null);
        }

        @Test
        void needs_a_date_that_has_begun_a_reason_and_a_source() {
            spec.given(opened());
            spec.when(stalling(BusinessDate.parse("2026-03"), STALL_REASON, List.of(), LATER))
                    .thenRejected("sources-required", "sources");
            spec.when(stalling(BusinessDate.parse("2026-03"), "", List.of(ILLUSTRATION), LATER))
                    .thenRejected("value-required", "reason");
            spec.when(stalling(null, STALL_REASON, List.of(ILLUSTRATION), LATER))
                    .thenRejected("value-required", "date");
            spec.when(stalling(BusinessDate.parse("2026-03"), STALL_REASON, List.of(ILLUSTRATION), RECORDED_ON))
                    .thenRejected("occurred-date-in-future", "date");
        }

        private StallNegotiation stalling(BusinessDate date, String reason, List<Source> sources, LocalDate on) {
            return new StallNegotiation(ID, date, reason, sources, on);
        }
    }

    @Nested
    class Termination {
        @Test
        void terminates() {
            spec.given(upToMou()).when(terminate()).then(terminated());
        }

        @Test
        void cannot_terminate_after_an_agreement() {
            spec.given(opened(), concluded()).when(terminate()).thenRejected("negotiation-concluded", null);
        }

        static Stream<NegotiationCommand> everyCommandButCorrections() {
            return Stream.of(
                    meetLeaders(),
                    holdTalks(),
                    signMou(),
                    formCommittee(),
                    establishForum(),
                    announceMission(),
                    completeMission(),
                    conclude(),
                    stall(),
                    resume(),
                    terminate());
        }

        @ParameterizedTest
        @MethodSource("everyCommandButCorrections")
        void accepts_nothing_but_corrections_and_retractions_afterwards(NegotiationCommand command) {
            spec.given(opened(), mouSigned(), missionAnnounced(), stalled(), terminated())
                    .when(command)
                    .thenRejected("negotiation-terminated", null);
        }

        @Test
        void accepts_corrections_and_retractions_afterwards() {
            spec.given(opened(), leadersMet(), talksHeld(), terminated());
            spec.when(correctTalksDate()).then(talksDateCorrected());
            spec.when(new RetractFact(ID, 2, DUPLICATE, List.of()))
                    .then(new NegotiationEvent.FactRetracted(ID, 2, DUPLICATE, List.of()));
        }
    }

    @Nested
    class Corrections {
        @Test
        void corrects_a_fact_by_its_version() {
            spec.given(upToMou()).when(correctTalksDate()).then(talksDateCorrected());
        }

        @Test
        void the_target_exists_and_is_a_fact_in_force() {
            spec.given(
                    opened(),
                    leadersMet(),
                    stalled(),
                    talksDateCorrected(),
                    new NegotiationEvent.FactRetracted(ID, 2, DUPLICATE, List.of()));
            spec.when(correcting(0, OTTAWA_TALKS_CORRECTED))
                    .thenRejected("correction-target-not-found", "targetVersion");
            spec.when(correcting(6, OTTAWA_TALKS_CORRECTED))
                    .thenRejected("correction-target-not-found", "targetVersion");
            spec.when(correcting(3, OTTAWA_TALKS_CORRECTED))
                    .thenRejected("correction-target-not-a-fact", "targetVersion");
            spec.when(correcting(4, OTTAWA_TALKS_CORRECTED))
                    .thenRejected("correction-target-not-a-fact", "targetVersion");
            spec.when(correcting(
                            2,
                            FactBuilder.from(GYEONGJU_MEETING)
                                    .date("2025-10-29")
                                    .build()))
                    .thenRejected("fact-already-retracted", "targetVersion");
        }

        @Test
        void must_change_something() {
            spec.given(opened(), leadersMet(), talksHeld(), talksDateCorrected())
                    .when(correcting(3, OTTAWA_TALKS_CORRECTED))
                    .thenRejected("correction-changes-nothing", "corrected");
        }

        @Test
        void checks_the_corrected_fact_with_prefixed_fields() {
            spec.given(opened(), leadersMet(), talksHeld());
            spec.when(correcting(
                            3,
                            FactBuilder.from(OTTAWA_TALKS)
                                    .place(new Place("Ottawa", "CAN"))
                                    .build()))
                    .thenRejected("invalid-country-code", "corrected.place.country");
            spec.when(correcting(3, FactBuilder.from(OTTAWA_TALKS).sources().build()))
                    .thenRejected("sources-required", "corrected.sources");
            spec.when(correcting(
                            3, FactBuilder.from(OTTAWA_TALKS).date("2026-07-01").build()))
                    .thenRejected("occurred-date-in-future", "corrected.date");
            spec.when(correcting(3, null)).thenRejected("value-required", "corrected");
            spec.when(new CorrectFact(ID, 3, OTTAWA_TALKS_CORRECTED, " ", RECORDED_ON))
                    .thenRejected("value-required", "reason");
        }

        @Test
        void keeps_the_rules_of_the_kind_of_fact() {
            spec.given(opened(), leadersMet(), missionAnnounced(), missionCompleted());
            spec.when(correcting(
                            2,
                            FactBuilder.from(GYEONGJU_MEETING).participants(LEE).build()))
                    .thenRejected("participant-per-party-required", "corrected.participants");
            spec.when(correcting(
                            4,
                            FactBuilder.from(MISSION_DONE)
                                    .status(FactStatus.PLANNED)
                                    .build()))
                    .thenRejected("completion-must-have-occurred", "corrected.status");
        }

        private CorrectFact correcting(long version, Fact corrected) {
            return new CorrectFact(ID, version, corrected, CORRECTION_REASON, LATER);
        }
    }

    @Nested
    class Retractions {
        @Test
        void retracts_a_fact_by_its_version() {
            spec.given(reported().subList(0, 9).toArray(NegotiationEvent[]::new))
                    .when(retractDuplicate())
                    .then(duplicateRetracted());
        }

        @Test
        void the_target_exists_is_a_fact_and_is_in_force() {
            spec.given(opened(), leadersMet(), stalled(), duplicateRetracted());
            spec.when(retracting(5)).thenRejected("correction-target-not-found", "targetVersion");
            spec.when(retracting(3)).thenRejected("correction-target-not-a-fact", "targetVersion");
            spec.given(opened(), leadersMet(), new NegotiationEvent.FactRetracted(ID, 2, DUPLICATE, List.of()))
                    .when(retracting(2))
                    .thenRejected("fact-already-retracted", "targetVersion");
        }

        @Test
        void the_opening_cannot_be_retracted() {
            spec.given(opened()).when(retracting(1)).thenRejected("opening-cannot-be-retracted", "targetVersion");
        }

        @Test
        void facts_that_others_rest_on_are_retracted_after_them() {
            spec.given(opened(), mouSigned(), committeeFormed())
                    .when(retracting(2))
                    .thenRejected("fact-has-dependants", "targetVersion");
            spec.given(opened(), mouSigned(), committeeFormed(), concluded())
                    .when(retracting(2))
                    .then(new NegotiationEvent.FactRetracted(ID, 2, DUPLICATE, List.of()));
            spec.given(opened(), missionAnnounced(), missionCompleted())
                    .when(retracting(2))
                    .thenRejected("fact-has-dependants", "targetVersion");
        }

        @Test
        void needs_a_reason_and_valid_sources() {
            spec.given(opened(), leadersMet());
            spec.when(new RetractFact(ID, 2, null, List.of())).thenRejected("value-required", "reason");
            spec.when(new RetractFact(ID, 2, DUPLICATE, List.of(new Source("t", " ", null, null, Source.Kind.NEWS))))
                    .thenRejected("value-required", "sources[0].publisher");
        }

        private RetractFact retracting(long version) {
            return new RetractFact(ID, version, DUPLICATE, List.of());
        }
    }

    @Test
    void an_agreement_counts_like_an_mou() {
        spec.given(opened(), new AgreementConcluded(ID, AGREEMENT, AGREEMENT_TITLE, null));
        assertTrue(spec.state().hasMouOrAgreement(true));
    }
}
