package io.tracker.investment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Java 17 dispatches over {@code kind()}: each permitted record must have its own constant, and all are used. */
class KindsTest {

    static List<InvestmentEvent> oneEventOfEachType() {
        return List.of(
                Samples.announced(),
                Samples.committed(),
                Samples.revised(),
                Samples.milestone(Milestone.SITE_SELECTED),
                Samples.withdrawn(),
                new InvestmentEvent.InvestmentFactCorrected(
                        Samples.LGES,
                        1,
                        FactCorrection.none().withPartners(List.of(Samples.STELLANTIS)),
                        "r",
                        List.of(Samples.ISED_2026_01_29)),
                new InvestmentEvent.InvestmentFactRetracted(Samples.LGES, 2, "r", List.of(Samples.ISED_2026_01_29)));
    }

    static List<InvestmentCommand> oneCommandOfEachType() {
        return List.of(
                Samples.announce(),
                Samples.commit(),
                Samples.revise(),
                Samples.supportSecured(),
                Samples.withdraw(),
                new InvestmentCommand.CorrectFact(1, FactCorrection.none(), "r", List.of()),
                new InvestmentCommand.RetractFact(2, "r", List.of()));
    }

    @Test
    void everyEventRecordHasItsOwnKind() {
        List<InvestmentEvent> events = oneEventOfEachType();
        assertEquals(
                Set.of(InvestmentEvent.class.getPermittedSubclasses()),
                events.stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(
                EnumSet.allOf(InvestmentEvent.Kind.class),
                events.stream().map(InvestmentEvent::kind).collect(Collectors.toCollection(HashSet::new)));
    }

    @Test
    void everyCommandRecordHasItsOwnKind() {
        List<InvestmentCommand> commands = oneCommandOfEachType();
        assertEquals(
                Set.of(InvestmentCommand.class.getPermittedSubclasses()),
                commands.stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(
                EnumSet.allOf(InvestmentCommand.Kind.class),
                commands.stream().map(InvestmentCommand::kind).collect(Collectors.toCollection(HashSet::new)));
        assertEquals(
                commands.size(),
                Arrays.asList(InvestmentCommand.class.getPermittedSubclasses()).size());
    }
}
