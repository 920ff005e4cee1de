package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.messaging.UnknownEventException;
import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.domain.Company;
import io.tracker.investment.domain.FactCorrection;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactCorrected;
import io.tracker.investment.domain.Money;
import io.tracker.investment.domain.Sector;
import io.tracker.investment.domain.Site;

class InvestmentEventCodecTest {
    private static final Source ELECTRIC_AUTONOMY = new Source(
            "Ford, South Korean partners building $1.2-billion " + "battery cathode factory in Quebec",
            "Electric Autonomy Canada",
            LocalDate.of(2023, 8, 17),
            "https://electricautonomy.ca/news/2023-08-17/ford-battery-cathode-factory-quebec/",
            Source.Kind.NEWS);

    /** EcoPro BM's cathode plant in Bécancour with SK On and Ford: CAD 1.2 billion, about 345 jobs. */
    private static final InvestmentAnnounced ECOPRO = new InvestmentAnnounced(
            "ecopro-bm-becancour-cathode",
            "EcoPro CAM Canada cathode active materials plant",
            new Company("EcoPro BM", "KR"),
            List.of(new Company("SK On", "KR"), new Company("Ford Motor Company", "US")),
            Sector.CATHODE_MATERIALS,
            new Site("Bécancour", "CA-QC", "CA"),
            Money.of("1200000000", "CAD"),
            345,
            List.of("ca-kr-industrial-cooperation"),
            BusinessDate.parse("2023-08-17"),
            FactStatus.ANNOUNCED,
            List.of(ELECTRIC_AUTONOMY));

    private final InvestmentEventCodec codec = new InvestmentEventCodec();

    @Test
    void encodesADisclosedAmountAsADecimalStringAndRoundTrips() throws Exception {
        EncodedEvent encoded = codec.encode(ECOPRO);
        assertEquals("InvestmentAnnounced", encoded.type());
        assertEquals("2023-08-17", encoded.occurredOn());
        assertEquals(
                "{\"amount\":\"1200000000\",\"currency\":\"CAD\"}",
                Contract.JSON.readTree(encoded.json()).path("amount").toString());
        assertEquals(Set.of(), Contract.validate(encoded.type(), Contract.JSON.readTree(encoded.json())));
        assertEquals(ECOPRO, codec.decode(encoded.type(), encoded.schemaVersion(), encoded.json()));
    }

    @Test
    void encodesACorrectionWithOnlyTheCorrectedFieldsAndNoBusinessDate() throws Exception {
        FactCorrection correction = FactCorrection.none()
                .withPartners(List.of(new Company("SK On", "KR")))
                .withSite(new Site(null, "CA-QC", "CA"))
                .withAmount(Money.UNDISCLOSED)
                .withExpectedJobs(0)
                .withBusinessDate(BusinessDate.parse("2023-08"))
                .withStatus(FactStatus.OCCURRED);
        InvestmentEvent event = new InvestmentFactCorrected(
                "ecopro-bm-becancour-cathode",
                1,
                correction,
                "Ford did not enter the joint venture",
                List.of(ELECTRIC_AUTONOMY));
        EncodedEvent encoded = codec.encode(event);
        assertNull(encoded.occurredOn());
        assertEquals(
                6, Contract.JSON.readTree(encoded.json()).path("correction").size());
        assertEquals(Set.of(), Contract.validate(encoded.type(), Contract.JSON.readTree(encoded.json())));
        assertEquals(event, codec.decode(encoded.type(), 1, encoded.json()));
    }

    @Test
    void ignoresUnknownProperties() throws Exception {
        ObjectNode data = Contract.sample("InvestmentWithdrawn").path("data").deepCopy();
        String json = data.put("addedLater", "x").toString();
        assertEquals(
                "InvestmentWithdrawn",
                codec.encode(codec.decode("InvestmentWithdrawn", 1, json)).type());
    }

    @Test
    void rejectsUnknownTypesAndVersions() {
        String data = Contract.sample("InvestmentAnnounced").path("data").toString();
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentVanished", 1, data));
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 2, data));
        assertThrows(
                UnknownEventException.class,
                () -> codec.decode("io.tracker.investment.domain.InvestmentEvent" + "$InvestmentAnnounced", 1, data));
        assertThrows(UnknownEventException.class, () -> codec.decode(null, 1, data));
    }

    @Test
    void rejectsUnreadablePayloads() {
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 1, "not json"));
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 1, "{}"));
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 1, "null"));
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 1, null));
        String badSector =
                Contract.sample("InvestmentAnnounced").path("data").toString().replace("BATTERY_CELLS", "BATTERIES");
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentAnnounced", 1, badSector));
        String mixedMoney = Contract.sample("InvestmentRevised")
                .path("data")
                .toString()
                .replace("\"currency\":\"CAD\"", "\"currency\":\"CAD\",\"undisclosed\":true");
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentRevised", 1, mixedMoney));
        String fractionalJobs = Contract.sample("InvestmentRevised")
                .path("data")
                .toString()
                .replace("\"expectedJobs\":2500", "\"expectedJobs\":2500.5");
        assertThrows(UnknownEventException.class, () -> codec.decode("InvestmentRevised", 1, fractionalJobs));
    }
}
