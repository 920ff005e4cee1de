package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * Questions across agreements on a real broker and database: three agreements of one test (their ids share a tag,
 * and {@code q=tag} keeps other tests' agreements out), filtered, sorted, paged, exported as CSV and compared
 * with the JSON; investments across agreements with their totals; participants and sources.
 */
@QuarkusTest
class AcrossAgreementsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String tag;
    private String a;
    private String b;
    private String c;

    /** a: the February story (CA–KR); b: opened and leaders met only (CA–JP); c: February and June (concluded). */
    @BeforeEach
    void publish() {
        Auth.asAnalyst();
        tag = "x" + UUID.randomUUID().toString().substring(0, 8);
        a = "across-" + tag + "-a";
        b = "across-" + tag + "-b";
        c = "across-" + tag + "-c";
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(a));
            broker.publish(
                    Sample.of("NegotiationOpened").inStream(b).set("/parties", "[\"CA\",\"JP\"]"),
                    Sample.of("LeadersMet").inStream(b));
            broker.publish(Stories.february(c));
            broker.publish(Stories.june(c));
            broker.publish(Stories.investments(a, tag));
        }
        Eventually.assertThat(WAIT, () -> given().queryParam("q", tag)
                .get("/agreements")
                .then()
                .statusCode(200)
                .body("id", contains(a, b, c))
                .body("lastVersion", contains(10, 2, 14)));
        Eventually.assertThat(WAIT, () -> given().queryParam("agreement", a)
                .get("/investments")
                .then()
                .statusCode(200)
                .body("investments", hasSize(4)));
    }

    @Test
    void filters() {
        assertEquals(List.of(b), ids(Map.of("party", "JP")));
        assertEquals(List.of(a, b, c), ids(Map.of("party", "ca")));
        assertEquals(List.of(c), ids(Map.of("stage", "CONCLUDED")));
        assertEquals(List.of(a, b), ids(Map.of("stage", "COMMITTEE_FORMED,LEADERS_ENGAGED")));
        assertEquals(List.of(c), ids(Map.of("binding", "true")));
        assertEquals(List.of(a, b), ids(Map.of("binding", "false")));
        assertEquals(List.of(a, c), ids(Map.of("reached", "MOU")));
        assertEquals(List.of(a), ids(Map.of("pending", "TRADE_MISSION")));
        assertEquals(List.of(a, c), ids(Map.of("focusArea", "CRITICAL_MINERALS")));
        // b's events are all of late October 2025
        assertEquals(List.of(a, c), ids(Map.of("from", "2026-01-01")));
        assertEquals(List.of(a, b, c), ids(Map.of("to", "2025-10-31")));
        assertEquals(List.of(), ids(Map.of("from", "2025-11-01", "to", "2025-12-31")));
        // as of 2025-12-01 all three had only engaged leaders; known at 14:02 only the openings were recorded
        assertEquals(List.of(a, b, c), ids(Map.of("asOf", "2025-12-01", "stage", "LEADERS_ENGAGED")));
        given().queryParam("q", tag)
                .queryParam("knownAt", "2026-02-02T14:02:00Z")
                .get("/agreements")
                .then()
                .statusCode(200)
                .body("stage", contains("OPENED", "OPENED", "OPENED"))
                .body("lastVersion", contains(1, 1, 1));
    }

    @Test
    void sortedAndPagedWithACursorThatNewAgreementsDoNotDisturb() {
        List<String> seen = new ArrayList<>();
        Response first = given().queryParam("q", tag).queryParam("limit", 1).get("/agreements");
        first.then().statusCode(200).header("X-Total-Count", "3");
        seen.addAll(first.jsonPath().getList("id"));
        // an agreement recorded between two pages, sorting before the cursor, neither shows up nor shifts the rest
        String early = "across-" + tag + "-0";
        try (Broker broker = new Broker(bootstrap)) {
            broker.publish(Sample.of("NegotiationOpened").inStream(early));
        }
        Eventually.assertThat(
                WAIT,
                () -> given().queryParam("q", tag).get("/agreements").then().header("X-Total-Count", "4"));
        String next = next(first);
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next.replaceFirst("^https?://[^/]+", ""));
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("id"));
            next = next(page);
        }
        assertEquals(List.of(a, b, c), seen);

        // descending by stage: concluded, committee formed, leaders engaged, opened
        assertEquals(List.of(c, a, b, early), ids(Map.of("sort", "-stage")));
        assertEquals(List.of(early, b, a, c), ids(Map.of("sort", "stage")));
        // a cursor made for one order is refused for another
        String cursor = cursorOf(given().queryParam("q", tag)
                .queryParam("limit", 1)
                .queryParam("sort", "title")
                .get("/agreements"));
        given().queryParam("q", tag)
                .queryParam("cursor", cursor)
                .get("/agreements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        Map<String, String> bad = Map.of(
                "stage",
                "NEARLY_DONE",
                "party",
                "Korea",
                "binding",
                "maybe",
                "reached",
                "LUNCH",
                "from",
                "last week",
                "limit",
                "0",
                "sort",
                "popularity",
                "cursor",
                "not-a-cursor",
                "format",
                "xml",
                "asOf",
                "December");
        bad.forEach((name, value) -> given().queryParam(name, value)
                .get("/agreements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/bad-parameter"))
                .body("errors[0].field", equalTo(name)));
        given().queryParam("from", "2026-02-01")
                .queryParam("to", "2026-01-01")
                .get("/agreements")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        Map.of("currency", "dollars", "province", "Ontario", "disclosed", "yes", "agreement", "Not An Id")
                .forEach((name, value) -> given().queryParam(name, value)
                        .get("/investments")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", equalTo(name)));
        given().queryParam("kind", "RUMOUR")
                .get("/sources")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        given().queryParam("country", "Korea")
                .get("/participants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("country"));
    }

    @Test
    void theListExportedAsCsvReadsBackAsTheJson() throws Exception {
        JsonPath json = given().queryParam("q", tag)
                .get("/agreements")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Response csv = given().queryParam("q", tag).accept("text/csv").get("/agreements");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        assertTrue(csv.asString().contains("\r\n"), "RFC 4180 line ends");
        List<Map<String, String>> rows = parse(csv.asString());
        assertEquals(json.getList("id"), rows.stream().map(r -> r.get("id")).toList());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String at = "[" + i + "].";
            assertEquals(json.getString(at + "title"), row.get("title"));
            assertEquals(String.join("; ", json.getList(at + "parties", String.class)), row.get("parties"));
            assertEquals(json.getString(at + "stage"), row.get("stage"));
            assertEquals(json.getString(at + "lastMilestone.summary"), row.get("lastMilestoneSummary"));
            assertEquals(json.getString(at + "lastMilestone.date.text"), row.get("lastMilestoneDate"));
            assertEquals(json.getString(at + "pendingMilestones"), row.get("pendingMilestones"));
            assertEquals(json.getString(at + "binding"), row.get("binding"));
            assertEquals(String.join("; ", json.getList(at + "focusAreas", String.class)), row.get("focusAreas"));
            assertEquals(json.getString(at + "lastRecordedAt"), row.get("lastRecordedAt"));
        }
        // the format parameter, same filters
        assertEquals(
                csv.asString(),
                given().queryParam("q", tag)
                        .queryParam("format", "csv")
                        .get("/agreements")
                        .asString());
        // a title with a comma and quotes survives the round trip (RFC 4180 quoting)
        String quoted = "across-" + tag + "-q";
        try (Broker broker = new Broker(bootstrap)) {
            broker.publish(Sample.of("NegotiationOpened")
                    .inStream(quoted)
                    .set("/title", "\"Talks, \\\"phase\\\" 2\\nnext line\""));
        }
        Eventually.assertThat(
                WAIT,
                () -> given().queryParam("q", quoted).get("/agreements").then().body("id", contains(quoted)));
        List<Map<String, String>> q = parse(given().queryParam("q", quoted)
                .queryParam("format", "csv")
                .get("/agreements")
                .asString());
        assertEquals("Talks, \"phase\" 2\nnext line", q.get(0).get("title"));
    }

    @Test
    void timelineInvestmentsAndSourcesExportedAsCsv() throws Exception {
        JsonPath timeline = given().get("/agreements/{id}/timeline", a)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, String>> rows = parse(
                given().accept("text/csv").get("/agreements/{id}/timeline", a).asString());
        assertEquals(
                timeline.getList("entries.streamVersion").stream()
                        .map(String::valueOf)
                        .toList(),
                rows.stream().map(r -> r.get("streamVersion")).toList());
        assertEquals(
                timeline.getList("entries.date.text"),
                rows.stream().map(r -> r.get("date")).toList());
        assertEquals(
                timeline.getList("entries.standing"),
                rows.stream().map(r -> r.get("standing")).toList());
        List<List<String>> kinds = timeline.getList("entries.sources.kind");
        assertEquals(
                kinds.stream().map(k -> String.join("; ", k)).toList(),
                rows.stream().map(r -> r.get("sourceKinds")).toList());
        // as of a date, the same entries as the JSON as of that date
        assertEquals(
                List.of("1", "2", "9"),
                parse(given().queryParam("asOf", "2025-12-01")
                                .queryParam("format", "csv")
                                .get("/agreements/{id}/timeline", a)
                                .asString())
                        .stream()
                        .map(r -> r.get("streamVersion"))
                        .toList());

        JsonPath inv = given().queryParam("agreement", a)
                .get("/investments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, String>> invRows = parse(given().queryParam("agreement", a)
                .accept("text/csv")
                .get("/investments")
                .asString());
        assertEquals(
                inv.getList("investments.investmentId"),
                invRows.stream().map(r -> r.get("investmentId")).toList());
        for (int i = 0; i < invRows.size(); i++) {
            Map<String, String> row = invRows.get(i);
            boolean undisclosed = Boolean.TRUE.equals(inv.get("investments[" + i + "].amount.undisclosed"));
            assertEquals(String.valueOf(undisclosed), row.get("undisclosed"));
            // an undisclosed amount is an empty field, never 0
            assertEquals(undisclosed ? "" : inv.getString("investments[" + i + "].amount.amount"), row.get("amount"));
            assertEquals(inv.getString("investments[" + i + "].state"), row.get("state"));
        }
        List<Map<String, String>> perAgreement = parse(given().accept("text/csv")
                .get("/agreements/{id}/investments", a)
                .asString());
        assertEquals(invRows, perAgreement);

        JsonPath sources = given().queryParam("agreement", a)
                .get("/sources")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, String>> sourceRows = parse(given().queryParam("agreement", a)
                .queryParam("format", "csv")
                .get("/sources")
                .asString());
        int citations = sources.getList("facts").stream()
                .mapToInt(f -> ((List<?>) f).size())
                .sum();
        assertEquals(citations, sourceRows.size());
        assertEquals(sources.getString("[0].source.title"), sourceRows.get(0).get("title"));
    }

    @Test
    void investmentsAcrossAgreementsNeverCountAnUndisclosedAmountAsZero() {
        given().queryParam("agreement", a)
                .get("/investments")
                .then()
                .statusCode(200)
                .body("investments", hasSize(4))
                .body("total.investments", equalTo(3))
                .body("total.undisclosed", equalTo(1))
                .body("total.disclosed.currency", contains("CAD", "USD"))
                .body("total.disclosed.amount", contains("5000000000.00", "500000000.00"))
                .body("byAgreement.find { it.key == '" + a + "' }.undisclosed", equalTo(1));
        given().queryParam("agreement", a)
                .queryParam("disclosed", "false")
                .get("/investments")
                .then()
                .statusCode(200)
                .body("investments.investmentId", contains("posco-" + tag))
                .body("total.disclosed", hasSize(0))
                .body("total.undisclosed", equalTo(1))
                .body("total.investments", equalTo(1));
        given().queryParam("agreement", a)
                .queryParam("currency", "usd")
                .get("/investments")
                .then()
                .body("investments.investmentId", contains("lges-usd-" + tag));
        given().queryParam("agreement", a)
                .queryParam("company", "posco")
                .get("/investments")
                .then()
                .body("investments.investmentId", contains("posco-" + tag));
        given().queryParam("agreement", a)
                .queryParam("company", "stellantis")
                .get("/investments")
                .then()
                .body("investments.investmentId", contains("lges-" + tag));
        // Québec: POSCO (undisclosed) and Ford (withdrawn: listed, not totalled)
        given().queryParam("agreement", a)
                .queryParam("province", "CA-QC")
                .get("/investments")
                .then()
                .body("investments", hasSize(2))
                .body("total.investments", equalTo(1))
                .body("total.undisclosed", equalTo(1))
                .body("total.disclosed", hasSize(0));
        given().queryParam("agreement", a)
                .queryParam("sector", "CATHODE_MATERIALS")
                .queryParam("asOf", "2025-12-01")
                .get("/investments")
                .then()
                .body("investments.investmentId", contains("ford-" + tag));
    }

    @Test
    void participantsAndSources() {
        given().queryParam("agreement", a)
                .queryParam("name", "joly")
                .get("/participants")
                .then()
                .statusCode(200)
                .body("name", contains("Mélanie Joly"))
                .body("[0].agreements", contains(a))
                .body("[0].appearances.type", hasItem("TalksHeld"));
        // across agreements: Mark Carney appears in a and c (b's leaders' meeting names him too)
        given().queryParam("name", "Mark Carney")
                .get("/participants")
                .then()
                .statusCode(200)
                .body("find { it.country == 'CA' }.agreements", org.hamcrest.Matchers.hasItems(a, b, c));
        given().queryParam("agreement", a)
                .queryParam("kind", "OFFICIAL")
                .get("/sources")
                .then()
                .statusCode(200)
                .body("source.kind", everyItem(equalTo("OFFICIAL")))
                .body("facts.flatten().findAll { it.streamId == '" + a + "' }.type", hasItem("MouSigned"))
                .body("facts.flatten().findAll { it.stream == 'investment' }.streamId", hasItem("lges-" + tag));
        // the retracted duplicate still shows what its source was cited for, marked RETRACTED
        given().queryParam("agreement", a)
                .get("/sources")
                .then()
                .statusCode(200)
                .body(
                        "facts.flatten().find { it.streamId == '" + a + "' && it.streamVersion == 9 }.standing",
                        equalTo("RETRACTED"));
    }

    private List<String> ids(Map<String, String> params) {
        Response r = given().queryParam("q", tag).queryParams(params).get("/agreements");
        r.then().statusCode(200);
        List<String> ids = r.jsonPath().getList("id");
        assertNull(next(r), "one page");
        return ids;
    }

    private static String next(Response r) {
        String link = r.header("Link");
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }

    private static String cursorOf(Response r) {
        String next = next(r);
        assertFalse(next == null);
        Matcher m = Pattern.compile("[?&]cursor=([^&]+)").matcher(next);
        assertTrue(m.find());
        return m.group(1);
    }

    static List<Map<String, String>> parse(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            return it.readAll();
        }
    }
}
