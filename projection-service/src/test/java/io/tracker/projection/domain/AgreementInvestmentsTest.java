package io.tracker.projection.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgreementInvestmentsTest {

    @Test
    void totalsPerCurrencyUndisclosedApartWithdrawnNotTotalled() {
        Map<String, List<RecordedEvent>> streams = new LinkedHashMap<>();
        Facts a = Facts.investment("a");
        streams.put(
                "a",
                List.of(
                        a.announced("2026-01", "LGES", "BATTERY_CELLS", "CA-ON", Money.undisclosed(), "n"),
                        a.investmentFact(EventType.INVESTMENT_REVISED, "2026-02", Facts.cad("1500000000.00")),
                        a.investmentFact(EventType.INVESTMENT_COMMITTED, "2026-03", Money.undisclosed())));
        Facts b = Facts.investment("b");
        streams.put(
                "b", List.of(b.announced("2026-01", "LGES", "BATTERY_CELLS", "CA-ON", Facts.cad("500000000.00"), "n")));
        Facts c = Facts.investment("c");
        streams.put(
                "c", List.of(c.announced("2026-01", "POSCO", "CATHODE_MATERIALS", "CA-QC", Money.undisclosed(), "n")));
        Facts d = Facts.investment("d");
        streams.put(
                "d",
                List.of(
                        d.announced("2025-06", "Ford", "CATHODE_MATERIALS", "CA-QC", Facts.cad("644000000"), "n"),
                        d.investmentFact(EventType.INVESTMENT_WITHDRAWN, "2025-10", null)));
        Facts e = Facts.investment("e");
        streams.put(
                "e",
                List.of(e.announced(
                        "2026-01",
                        "SK On",
                        "BATTERY_CELLS",
                        null,
                        Money.of(new java.math.BigDecimal("100"), "USD"),
                        "n")));

        AgreementInvestments inv = AgreementInvestments.of("n", streams, AsOf.NOW);
        assertEquals(5, inv.investments().size());
        assertEquals(4, inv.total().investments());
        assertEquals(1, inv.total().undisclosed(), "POSCO's amount is undisclosed, counted apart");
        assertEquals(
                List.of("CAD", "USD"),
                inv.total().disclosed().stream()
                        .map(Totals.CurrencyTotal::currency)
                        .toList());
        assertEquals(
                "2000000000.00",
                inv.total().disclosed().get(0).amount().toPlainString(),
                "a later undisclosed figure keeps the disclosed one");
        Totals lges = inv.byInvestor().stream()
                .filter(t -> t.key().equals("LGES"))
                .findFirst()
                .orElseThrow();
        assertEquals(2, lges.investments());
        Totals quebec = inv.byProvince().stream()
                .filter(t -> t.key().equals("CA-QC"))
                .findFirst()
                .orElseThrow();
        assertEquals(1, quebec.investments(), "Ford withdrew");
        assertTrue(quebec.disclosed().isEmpty());
        assertEquals(1, quebec.undisclosed());
        assertTrue(inv.byProvince().stream().anyMatch(t -> t.key().equals("outside Canada (US)")));

        AgreementInvestments before =
                AgreementInvestments.of("n", streams, new AsOf(LocalDate.parse("2025-12-31"), null));
        assertEquals(1, before.investments().size());
        assertEquals(InvestmentView.State.WITHDRAWN, before.investments().get(0).state());
        assertEquals(0, before.total().investments());
    }

    @Test
    void aCorrectionOfTheLinksMovesAnInvestmentAway() {
        Facts a = Facts.investment("a");
        List<RecordedEvent> events = List.of(
                a.announced("2026-01", "LGES", "BATTERY_CELLS", "CA-ON", Facts.cad("1"), "n"),
                a.correctInvestment(
                        1,
                        new InvestmentTerms(
                                null, null, null, null, null, Facts.cad("2"), null, List.of("other"), null, null)));
        assertTrue(AgreementInvestments.of("n", Map.of("a", events), AsOf.NOW)
                .investments()
                .isEmpty());
        AgreementInvestments known = AgreementInvestments.of("n", Map.of("a", events), new AsOf(null, Facts.minute(1)));
        assertEquals("1", known.investments().get(0).amount().amount().toPlainString());
        assertEquals(
                "2",
                AgreementInvestments.of("other", Map.of("a", events), AsOf.NOW)
                        .investments()
                        .get(0)
                        .amount()
                        .amount()
                        .toPlainString());
    }

    @Test
    void aRetractedAnnouncementIsNoInvestment() {
        Facts a = Facts.investment("a");
        List<RecordedEvent> events =
                List.of(a.announced("2026-01", "X", "OTHER", "CA-ON", Facts.cad("1"), "n"), a.retract(1));
        assertTrue(AgreementInvestments.of("n", Map.of("a", events), AsOf.NOW)
                .investments()
                .isEmpty());
    }
}
