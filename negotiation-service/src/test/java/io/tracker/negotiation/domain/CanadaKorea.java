package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.FocusArea.ARTIFICIAL_INTELLIGENCE;
import static io.tracker.negotiation.domain.FocusArea.AUTOMOTIVE_MANUFACTURING;
import static io.tracker.negotiation.domain.FocusArea.BATTERIES;
import static io.tracker.negotiation.domain.FocusArea.BATTERY_MATERIALS;
import static io.tracker.negotiation.domain.FocusArea.CLEAN_ENERGY_TRANSITION;
import static io.tracker.negotiation.domain.FocusArea.CRITICAL_MINERALS;
import static io.tracker.negotiation.domain.FocusArea.ELECTRIC_VEHICLES;
import static io.tracker.negotiation.domain.FocusArea.ENERGY_SECURITY;
import static io.tracker.negotiation.domain.FocusArea.FUTURE_MOBILITY;
import static io.tracker.negotiation.domain.FocusArea.HYDROGEN_MOBILITY;
import static io.tracker.negotiation.domain.FocusArea.INVESTMENT;
import static io.tracker.negotiation.domain.FocusArea.SUPPLY_CHAIN;
import static io.tracker.negotiation.domain.FocusArea.TRADE;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
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
import io.tracker.negotiation.domain.NegotiationCommand.TerminateNegotiation;
import io.tracker.negotiation.domain.NegotiationEvent.AgreementConcluded;
import io.tracker.negotiation.domain.NegotiationEvent.CommitteeFormed;
import io.tracker.negotiation.domain.NegotiationEvent.FactCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.FactRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.ForumEstablished;
import io.tracker.negotiation.domain.NegotiationEvent.LeadersMet;
import io.tracker.negotiation.domain.NegotiationEvent.MouSigned;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationOpened;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationResumed;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationStalled;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationTerminated;
import io.tracker.negotiation.domain.NegotiationEvent.TalksHeld;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionAnnounced;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionCompleted;

/**
 * The Canada–Republic of Korea industrial cooperation story from the seed articles, as commands and the
 * events they give, in stream order (the version of each event in a comment). The same story is in the
 * contract samples. Steps after version 10 have not happened: they are labelled illustrative.
 */
public final class CanadaKorea {
    public static final String ID = "ca-kr-industrial-cooperation";
    public static final List<String> PARTIES = List.of("CA", "KR");
    /** The day the real facts are recorded on (after the MOU); illustrative steps use later days. */
    public static final LocalDate RECORDED_ON = LocalDate.of(2026, 2, 2);

    public static final LocalDate LATER = LocalDate.of(2026, 6, 15);

    public static final Source ISED_RELEASE = new Source(
            "Canada and Republic of Korea strengthen ties in key industrial sectors",
            "Innovation, Science and Economic Development Canada",
            LocalDate.of(2026, 1, 29),
            null,
            Source.Kind.OFFICIAL);
    public static final Source TALKS_REPORT = new Source(
            "Canada Engages in High-Level Talks with South Korea on Auto " + "Manufacturing Expansion",
            "Unattributed news report",
            null,
            null,
            Source.Kind.NEWS);
    public static final Source ILLUSTRATION = new Source(
            "Illustrative example, not a reported event",
            "Negotiation tracker contract samples",
            null,
            null,
            Source.Kind.OPINION);

    public static final Participant CARNEY = new Participant("Mark Carney", "Prime Minister", "CA");
    public static final Participant LEE = new Participant("Lee Jae Myung", "President", "KR");
    public static final Participant JOLY = new Participant("Mélanie Joly", "Minister of Industry", "CA");
    public static final Participant KANG = new Participant(
            "Hoon-Sik Kang",
            "Presidential Special Envoy for Strategic " + "Economic Cooperation and Chief of Staff to the President",
            "KR");
    public static final Participant KIM =
            new Participant("Jung-Kwan Kim", "Minister of Trade, Industry and Resources", "KR");
    public static final Participant SIDHU = new Participant("Maninder Sidhu", "Minister of International Trade", "CA");

    public static final Place GYEONGJU = new Place("Gyeongju", "KR");
    public static final Place OTTAWA = new Place("Ottawa", "CA");
    public static final Place KOREA = new Place(null, "KR");

    public static final String TITLE = "Canada–Korea industrial cooperation";
    public static final String DESCRIPTION = "High-level talks on Korean automotive manufacturing investment in "
            + "Canada, electric vehicles, batteries and critical minerals, under the Canada–Korea Comprehensive "
            + "Strategic Partnership.";
    public static final String MOU_TITLE = "Memorandum of understanding on strengthening Canada–Korea industrial "
            + "collaboration on future mobility and establishing the Canada–Korea Industrial Cooperation Committee";
    public static final String COMMITTEE = "Canada–Korea Industrial Cooperation Committee";
    public static final String FORUM = "Forum on Canada–Korea industrial collaboration for future mobility";
    public static final String MISSION_ID = "team-canada-korea-spring-2026";
    public static final String MISSION_TITLE = "Team Canada Trade Mission to the Republic of Korea";

    private CanadaKorea() {}

    public static Fact fact(
            String date,
            FactStatus status,
            List<Participant> participants,
            Place place,
            List<FocusArea> focusAreas,
            Source... sources) {
        return new Fact(BusinessDate.parse(date), status, participants, place, focusAreas, List.of(sources));
    }

    // v1
    public static final Fact OPENING = fact(
            "2025-10-late",
            FactStatus.OCCURRED,
            List.of(),
            null,
            List.of(AUTOMOTIVE_MANUFACTURING, ELECTRIC_VEHICLES, SUPPLY_CHAIN, INVESTMENT),
            TALKS_REPORT);

    public static OpenNegotiation open() {
        return new OpenNegotiation(ID, OPENING, TITLE, PARTIES, DESCRIPTION, RECORDED_ON);
    }

    public static NegotiationOpened opened() {
        return new NegotiationOpened(ID, OPENING, TITLE, PARTIES, DESCRIPTION);
    }

    // v2 (and its duplicate, v9)
    public static final Fact GYEONGJU_MEETING = fact(
            "2025-10-late",
            FactStatus.OCCURRED,
            List.of(CARNEY, LEE),
            GYEONGJU,
            List.of(AUTOMOTIVE_MANUFACTURING, TRADE, INVESTMENT),
            TALKS_REPORT);
    public static final String GYEONGJU_SUMMARY = "Prime Minister Carney met President Lee in Gyeongju, setting the "
            + "stage for deeper economic cooperation.";

    public static RecordLeadersMeeting meetLeaders() {
        return new RecordLeadersMeeting(ID, GYEONGJU_MEETING, GYEONGJU_SUMMARY, RECORDED_ON);
    }

    public static LeadersMet leadersMet() {
        return new LeadersMet(ID, GYEONGJU_MEETING, GYEONGJU_SUMMARY);
    }

    // v3, first recorded with the release's date; corrected at v8
    public static final Fact OTTAWA_TALKS = fact(
            "2026-01-29",
            FactStatus.OCCURRED,
            List.of(JOLY, KANG),
            OTTAWA,
            List.of(AUTOMOTIVE_MANUFACTURING, BATTERIES, CRITICAL_MINERALS, ARTIFICIAL_INTELLIGENCE, TRADE),
            ISED_RELEASE);
    public static final String TALKS_SUMMARY = "Minister Joly met the delegation led by Presidential Special Envoy "
            + "Hoon-Sik Kang on expanded industrial cooperation in auto and battery manufacturing, critical minerals "
            + "and artificial intelligence, and on trade opportunities.";

    public static RecordTalks holdTalks() {
        return new RecordTalks(ID, OTTAWA_TALKS, TalksLevel.DELEGATION, TALKS_SUMMARY, RECORDED_ON);
    }

    public static TalksHeld talksHeld() {
        return new TalksHeld(ID, OTTAWA_TALKS, TalksLevel.DELEGATION, TALKS_SUMMARY);
    }

    // v4
    public static final Fact MOU = fact(
            "2026-01-29",
            FactStatus.OCCURRED,
            List.of(JOLY, KIM),
            OTTAWA,
            List.of(
                    FUTURE_MOBILITY,
                    AUTOMOTIVE_MANUFACTURING,
                    ELECTRIC_VEHICLES,
                    HYDROGEN_MOBILITY,
                    BATTERIES,
                    BATTERY_MATERIALS,
                    CRITICAL_MINERALS,
                    CLEAN_ENERGY_TRANSITION,
                    ENERGY_SECURITY,
                    SUPPLY_CHAIN),
            ISED_RELEASE);

    public static SignMou signMou() {
        return new SignMou(ID, MOU, MOU_TITLE, List.of(JOLY, KIM), RECORDED_ON);
    }

    public static MouSigned mouSigned() {
        return new MouSigned(ID, MOU, MOU_TITLE, List.of(JOLY, KIM));
    }

    // v5
    public static final Fact COMMITTEE_FACT = fact(
            "2026-01-29",
            FactStatus.OCCURRED,
            List.of(JOLY, KIM),
            OTTAWA,
            List.of(FUTURE_MOBILITY, AUTOMOTIVE_MANUFACTURING, ELECTRIC_VEHICLES),
            ISED_RELEASE);
    public static final String MANDATE = "Established by the MOU of 2026-01-29: to develop projects that advance "
            + "future mobility and to assess ways to develop Korean automotive manufacturing in Canada, including "
            + "electric vehicle production investments.";

    public static FormCommittee formCommittee() {
        return new FormCommittee(ID, COMMITTEE_FACT, COMMITTEE, MANDATE, RECORDED_ON);
    }

    public static CommitteeFormed committeeFormed() {
        return new CommitteeFormed(ID, COMMITTEE_FACT, COMMITTEE, MANDATE);
    }

    // v6
    public static final Fact FORUM_FACT = fact(
            "2026",
            FactStatus.ANNOUNCED,
            List.of(),
            null,
            List.of(FUTURE_MOBILITY, AUTOMOTIVE_MANUFACTURING, ELECTRIC_VEHICLES),
            ISED_RELEASE);
    public static final String FORUM_PURPOSE = "To support industrial growth, including a Korean automotive industrial "
            + "footprint in Canada and domestic electric vehicle manufacturing opportunities.";

    public static EstablishForum establishForum() {
        return new EstablishForum(ID, FORUM_FACT, FORUM, FORUM_PURPOSE, RECORDED_ON);
    }

    public static ForumEstablished forumEstablished() {
        return new ForumEstablished(ID, FORUM_FACT, FORUM, FORUM_PURPOSE);
    }

    // v7
    public static final Fact MISSION = fact(
            "2026-spring",
            FactStatus.ANNOUNCED,
            List.of(SIDHU),
            KOREA,
            List.of(TRADE, INVESTMENT, AUTOMOTIVE_MANUFACTURING, BATTERIES),
            ISED_RELEASE);

    public static AnnounceTradeMission announceMission() {
        return new AnnounceTradeMission(ID, MISSION, MISSION_ID, MISSION_TITLE, RECORDED_ON);
    }

    public static TradeMissionAnnounced missionAnnounced() {
        return new TradeMissionAnnounced(ID, MISSION, MISSION_ID, MISSION_TITLE);
    }

    // v8
    public static final Fact OTTAWA_TALKS_CORRECTED = new Fact(
            BusinessDate.parse("2026-01-late"),
            OTTAWA_TALKS.status(),
            OTTAWA_TALKS.participants(),
            OTTAWA_TALKS.place(),
            OTTAWA_TALKS.focusAreas(),
            OTTAWA_TALKS.sources());
    public static final String CORRECTION_REASON =
            "The release of 2026-01-29 places the meeting 'earlier this week', " + "not on the day it was published.";

    public static CorrectFact correctTalksDate() {
        return new CorrectFact(ID, 3, OTTAWA_TALKS_CORRECTED, CORRECTION_REASON, RECORDED_ON);
    }

    public static FactCorrected talksDateCorrected() {
        return new FactCorrected(ID, 3, OTTAWA_TALKS_CORRECTED, CORRECTION_REASON);
    }

    // v9 is leadersMet() again, retracted at v10
    public static final String DUPLICATE = "Duplicate of version 2: the same Gyeongju meeting of late October 2025.";

    public static RetractFact retractDuplicate() {
        return new RetractFact(ID, 9, DUPLICATE, List.of());
    }

    public static FactRetracted duplicateRetracted() {
        return new FactRetracted(ID, 9, DUPLICATE, List.of());
    }

    // v11 to v14: illustrative
    public static final String STALL_REASON = "Illustrative only, no stall has been reported.";
    public static final String RESUME_REASON = "Illustrative only.";

    public static StallNegotiation stall() {
        return new StallNegotiation(ID, BusinessDate.parse("2026-03"), STALL_REASON, List.of(ILLUSTRATION), LATER);
    }

    public static NegotiationStalled stalled() {
        return new NegotiationStalled(ID, BusinessDate.parse("2026-03"), STALL_REASON, List.of(ILLUSTRATION));
    }

    public static ResumeNegotiation resume() {
        return new ResumeNegotiation(ID, BusinessDate.parse("2026-04"), RESUME_REASON, List.of(ILLUSTRATION), LATER);
    }

    public static NegotiationResumed resumed() {
        return new NegotiationResumed(ID, BusinessDate.parse("2026-04"), RESUME_REASON, List.of(ILLUSTRATION));
    }

    public static final Fact MISSION_DONE =
            fact("2026-05", FactStatus.OCCURRED, List.of(SIDHU), KOREA, List.of(TRADE, INVESTMENT), ILLUSTRATION);
    public static final String OUTCOME = "Illustrative only: the mission has not taken place yet.";

    public static CompleteTradeMission completeMission() {
        return new CompleteTradeMission(ID, MISSION_DONE, MISSION_ID, OUTCOME, LATER);
    }

    public static TradeMissionCompleted missionCompleted() {
        return new TradeMissionCompleted(ID, MISSION_DONE, MISSION_ID, OUTCOME);
    }

    public static final Fact AGREEMENT = fact(
            "2026-06",
            FactStatus.OCCURRED,
            List.of(JOLY, KIM),
            null,
            List.of(AUTOMOTIVE_MANUFACTURING, ELECTRIC_VEHICLES),
            ILLUSTRATION);
    public static final String AGREEMENT_TITLE = "Illustrative agreement";

    public static ConcludeAgreement conclude() {
        return new ConcludeAgreement(ID, AGREEMENT, AGREEMENT_TITLE, "Illustrative only.", LATER);
    }

    public static AgreementConcluded concluded() {
        return new AgreementConcluded(ID, AGREEMENT, AGREEMENT_TITLE, "Illustrative only.");
    }

    public static TerminateNegotiation terminate() {
        return new TerminateNegotiation(
                ID, BusinessDate.parse("2026-06"), "Illustrative only.", List.of(ILLUSTRATION), LATER);
    }

    public static NegotiationTerminated terminated() {
        return new NegotiationTerminated(
                ID, BusinessDate.parse("2026-06"), "Illustrative only.", List.of(ILLUSTRATION));
    }

    /** Versions 1 to 10: what has been reported, with one correction and one retraction of a duplicate. */
    public static List<NegotiationEvent> reported() {
        return List.of(
                opened(),
                leadersMet(),
                talksHeld(),
                mouSigned(),
                committeeFormed(),
                forumEstablished(),
                missionAnnounced(),
                talksDateCorrected(),
                leadersMet(),
                duplicateRetracted());
    }
}
