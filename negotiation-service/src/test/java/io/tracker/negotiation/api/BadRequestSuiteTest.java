package io.tracker.negotiation.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tracker.local.test.RawHttp;
import io.tracker.local.test.TestTokens;
import io.tracker.negotiation.Auth;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A generated suite of bad requests: malformed JSON, wrong types, missing fields, huge and control-character
 * strings, injection strings in constrained fields, bad codes and dates, oversized lists and bodies. Each
 * must get a 4xx problem+json, and none may change the event count.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "ca-kr-bad-requests";
    private static final List<String> INJECTIONS = List.of(
            "'; drop table es_events; --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "${jndi:ldap://x/a}",
            "\" or \"1\"=\"1",
            "%00",
            "{{7*7}}");

    @Inject
    Pool pool;

    /**
     * @param field the field the problem must name in its {@code errors}, or null
     * @param raw sent by the JDK's HTTP client exactly as given (no Content-Type unless {@code header} sets one; a
     *        body of unknown length is sent chunked), for the refusals of the HTTP layer
     */
    record Case(
            String name,
            String method,
            String path,
            String body,
            String header,
            String headerValue,
            String field,
            boolean raw) {
        Case(String name, String method, String path, String body, String header, String headerValue) {
            this(name, method, path, body, header, headerValue, null, false);
        }
    }

    /** A Java type name in a problem would tell a client about the code, not about the request. */
    static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "\\b(java|javax|jakarta|io\\.tracker|io\\.vertx|io\\.quarkus|com\\.fasterxml|org\\.jboss)\\.[a-z]");

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    private long events() {
        return pool.query("select count(*) from es_events")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsRefusedWithProblemJsonAndChangesNothing() throws Exception {
        given().contentType("application/json").body(Bodies.open(ID)).post("/negotiations");
        List<Case> cases = cases();
        assertTrue(cases.size() >= 100, "at least 100 bad requests, got " + cases.size());
        long before = events();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                int status;
                String contentType;
                String body;
                if (c.raw()) {
                    java.net.http.HttpResponse<String> raw = RawHttp.send(
                            base, c.method(), c.path(), c.body(), c.header(), c.headerValue(), TestTokens.recorder());
                    status = raw.statusCode();
                    contentType = raw.headers().firstValue("Content-Type").orElse("");
                    body = raw.body();
                } else {
                    var request = given().contentType("application/json; charset=UTF-8");
                    if (c.header() != null) {
                        request = request.header(c.header(), c.headerValue());
                    }
                    Response response = request.body(c.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .request(c.method(), c.path());
                    status = response.statusCode();
                    contentType = response.contentType();
                    body = response.asString();
                }
                assertTrue(status >= 400 && status < 500, c.name() + ": expected 4xx, got " + status + " " + body);
                assertTrue(
                        contentType.startsWith("application/problem+json"),
                        c.name() + ": expected problem+json, got " + contentType);
                JsonNode problem = JSON.readTree(body);
                assertEquals(status, problem.path("status").asInt(), c.name());
                assertTrue(problem.path("type").asText().startsWith("/problems/"), c.name());
                assertTrue(!CLASS_NAME.matcher(body).find(), c.name() + ": a Java type name in " + body);
                if (c.field() != null) {
                    List<String> fields = new ArrayList<>();
                    problem.path("errors")
                            .forEach(e -> fields.add(e.path("field").asText()));
                    assertTrue(
                            fields.contains(c.field()),
                            c.name() + ": expected the problem to name " + c.field() + ": " + body);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("the event count did not move", () -> assertEquals(before, events())));
        return tests.stream();
    }

    private List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        String open = Bodies.open("ca-kr-new-one");
        String leaders = Bodies.leaders();
        String mou = Bodies.mou();

        // malformed JSON
        for (String broken : List.of(
                "",
                "{",
                "}",
                "{\"id\": }",
                "{'id': 'x'}",
                "{\"id\": \"x\",}",
                "[]",
                "42",
                "\"text\"",
                "null",
                "{\"id\": NaN}",
                "{\"id\": \"x\" \"title\": \"y\"}",
                open.substring(0, open.length() / 2),
                "\uFEFF{}")) {
            cases.add(new Case("malformed " + abbreviate(broken), "POST", "/negotiations", broken, null, null));
        }
        // missing required fields (open and MOU)
        for (String field : List.of("id", "title", "parties", "fact")) {
            cases.add(post("open without " + field, "/negotiations", edit(open, o -> remove(o, field))));
        }
        for (String field : List.of("date", "status", "sources")) {
            cases.add(post(
                    "open without fact." + field,
                    "/negotiations",
                    edit(open, o -> remove((ObjectNode) o.get("fact"), field))));
        }
        for (String field : List.of("title", "signatories", "fact")) {
            cases.add(post("mou without " + field, "/negotiations/" + ID + "/mous", edit(mou, o -> remove(o, field))));
        }
        // wrong types
        cases.add(post("id as number", "/negotiations", edit(open, o -> o.put("id", 12345))));
        cases.add(post("title as array", "/negotiations", edit(open, o -> o.putArray("title")
                .add("x"))));
        cases.add(post("title as object", "/negotiations", edit(open, o -> o.putObject("title"))));
        cases.add(post("parties as string", "/negotiations", edit(open, o -> o.put("parties", "CA,KR"))));
        cases.add(post("parties of numbers", "/negotiations", edit(open, o -> o.putArray("parties")
                .add(1)
                .add(2))));
        cases.add(post("fact as array", "/negotiations", edit(open, o -> o.putArray("fact"))));
        cases.add(post("fact as string", "/negotiations", edit(open, o -> o.put("fact", "yesterday"))));
        cases.add(post("date as number", "/negotiations", edit(open, o -> fact(o).put("date", 20260129))));
        cases.add(post("status as boolean", "/negotiations", edit(open, o -> fact(o).put("status", true))));
        cases.add(post("participants as object", "/negotiations", edit(open, o -> fact(o).putObject("participants"))));
        cases.add(post("sources as string", "/negotiations", edit(open, o -> fact(o).put("sources", "a newspaper"))));
        cases.add(post("place as number", "/negotiations", edit(open, o -> fact(o).put("place", 7))));
        cases.add(post("focus area unknown", "/negotiations", edit(open, o -> fact(o).putArray("focusAreas")
                .add("WEATHER"))));
        cases.add(post("source kind unknown", "/negotiations", edit(open, o -> source(o)
                .put("kind", "RUMOUR"))));
        cases.add(post("source published not a date", "/negotiations", edit(open, o -> source(o)
                .put("published", "last week"))));
        cases.add(post(
                "talks level unknown", "/negotiations/" + ID + "/talks", edit(leaders, o -> o.put("level", "CASUAL"))));
        cases.add(post(
                "target version as text",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": \"two\", \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        cases.add(post(
                "target version as float",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": 1.5, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        cases.add(post(
                "target version zero",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": 0, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        cases.add(post(
                "target version negative",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": -3, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        // unknown fields
        for (String extra : List.of("admin", "version", "eventId", "__proto__")) {
            cases.add(post("unknown field " + extra, "/negotiations", edit(open, o -> o.put(extra, true))));
        }
        cases.add(post("unknown nested field", "/negotiations", edit(open, o -> fact(o).put("confidence", 0.9))));
        // huge strings and control characters
        cases.add(post("title of 301 characters", "/negotiations", edit(open, o -> o.put("title", "x".repeat(301)))));
        cases.add(post(
                "description of 4001 characters",
                "/negotiations",
                edit(open, o -> o.put("description", "x".repeat(4001)))));
        cases.add(post(
                "summary of 100k characters",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> o.put("summary", "y".repeat(100_000)))));
        cases.add(post(
                "body over 256 KiB",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> o.put("summary", "z".repeat(300_000)))));
        cases.add(post(
                "participant name of 201 characters",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> participant(o).put("name", "n".repeat(201)))));
        for (String control : List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0008")) {
            cases.add(post(
                    "control character U+" + String.format("%04X", (int) control.charAt(0)) + " in title",
                    "/negotiations",
                    edit(open, o -> o.put("title", "Canada" + control + "Korea"))));
            cases.add(post(
                    "control character U+" + String.format("%04X", (int) control.charAt(0)) + " in summary",
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> o.put("summary", "a" + control))));
        }
        cases.add(post("blank title", "/negotiations", edit(open, o -> o.put("title", "   "))));
        cases.add(post(
                "blank source title", "/negotiations", edit(open, o -> source(o).put("title", ""))));
        // injection strings where the value is constrained
        for (String injection : INJECTIONS) {
            cases.add(post("injection in id: " + injection, "/negotiations", edit(open, o -> o.put("id", injection))));
            cases.add(post(
                    "injection in country: " + injection,
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> participant(o).put("country", injection))));
            cases.add(post(
                    "injection in date: " + injection,
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> fact(o).put("date", injection))));
            cases.add(post(
                    "injection in source url: " + injection,
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> source(o).put("url", injection))));
        }
        // bad codes
        for (String country : List.of("XX", "ca", "CAN", "C1", "", "ZZ")) {
            cases.add(post(
                    "participant country '" + country + "'",
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> participant(o).put("country", country))));
        }
        cases.add(post("party 'QQ'", "/negotiations", edit(open, o -> o.putArray("parties")
                .add("CA")
                .add("QQ"))));
        cases.add(post(
                "place country 'Korea'",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> ((ObjectNode) fact(o).get("place")).put("country", "Korea"))));
        // bad dates
        for (String date : List.of(
                "2026-13-01",
                "2026-02-30",
                "2026-00",
                "2026-Q5",
                "2026-fall",
                "26-01-29",
                "2026/01/29",
                "01-29-2026",
                "99999",
                "2026-01-29T10:00",
                "late October 2025",
                "2100-01-01")) {
            cases.add(post(
                    "date '" + date + "'", "/negotiations/" + ID + "/leaders-meetings", edit(leaders, o -> fact(o).put(
                                    "date", date))));
        }
        // list bounds
        cases.add(post(
                "21 sources",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> repeat(fact(o), "sources", 21))));
        cases.add(post(
                "51 participants",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> repeat(fact(o), "participants", 51))));
        cases.add(post("11 parties", "/negotiations", edit(open, o -> {
            ArrayNode parties = o.putArray("parties");
            List.of("CA", "KR", "US", "JP", "DE", "FR", "GB", "IT", "MX", "BR", "IN")
                    .forEach(parties::add);
        })));
        cases.add(
                post("empty signatories", "/negotiations/" + ID + "/mous", edit(mou, o -> o.putArray("signatories"))));
        cases.add(post("null in sources", "/negotiations/" + ID + "/leaders-meetings", edit(leaders, o -> ((ArrayNode)
                        fact(o).get("sources"))
                .addNull())));
        // bad headers and paths
        cases.add(new Case(
                "If-Match not an ETag",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "If-Match",
                "\"abc\""));
        cases.add(new Case(
                "If-Match negative",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "If-Match",
                "\"-1\""));
        cases.add(new Case(
                "Idempotency-Key too long",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "Idempotency-Key",
                "k".repeat(201)));
        cases.add(new Case(
                "Idempotency-Key with spaces",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "Idempotency-Key",
                "a key with spaces"));
        cases.add(post("path id with capitals", "/negotiations/CA-KR/leaders-meetings", leaders));
        cases.add(post("path id too short", "/negotiations/ab/leaders-meetings", leaders));
        cases.add(post("unknown negotiation", "/negotiations/no-such-one/leaders-meetings", leaders));
        cases.add(post("unknown endpoint", "/negotiations/" + ID + "/weddings", leaders));
        cases.add(new Case("wrong method", "PUT", "/negotiations/" + ID, leaders, null, null));
        cases.add(new Case(
                "wrong content type",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "Content-Type",
                "text/plain"));
        String openC = edit(open, o -> {});
        String leadersC = edit(leaders, o -> {});
        // strict JSON: a key twice, content after the document, too deep, not JSON at all
        cases.add(field(
                "duplicate key title", "/negotiations", openC.replaceFirst("\\{", "{\"title\":\"first\","), "title"));
        cases.add(field(
                "duplicate key fact.status",
                "/negotiations",
                openC.replace("\"fact\":{", "\"fact\":{\"status\":\"PLANNED\","),
                "fact.status"));
        cases.add(field(
                "duplicate key in a source",
                "/negotiations/" + ID + "/leaders-meetings",
                leadersC.replace("\"sources\":[{", "\"sources\":[{\"kind\":\"NEWS\","),
                "fact.sources[0].kind"));
        cases.add(field("a second document after the body", "/negotiations", open + " {}", "body"));
        cases.add(
                field("an array after the body", "/negotiations/" + ID + "/leaders-meetings", leaders + "[1]", "body"));
        cases.add(post("text after the body", "/negotiations", open + " and more"));
        cases.add(post("10,000-deep object", "/negotiations", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        cases.add(post(
                "10,000-deep array",
                "/negotiations/" + ID + "/leaders-meetings",
                "[".repeat(10_000) + "]".repeat(10_000)));
        cases.add(post(
                "33-deep object in a field",
                "/negotiations",
                edit(open, o -> o.set("description", JSON.valueToTree(deep(33))))));
        cases.add(post("a body that is not JSON", "/negotiations", "hello, this is not JSON"));
        cases.add(post("an XML body", "/negotiations", "<negotiation id=\"x\"/>"));
        // Content-Type
        cases.add(new Case("no Content-Type", "POST", "/negotiations", open, null, null, null, true));
        cases.add(new Case(
                "Content-Type application/xml",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "Content-Type",
                "application/xml",
                null,
                true));
        cases.add(new Case(
                "Content-Type form",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                leaders,
                "Content-Type",
                "application/x-www-form-urlencoded",
                null,
                true));
        // the HTTP layer: URI, headers, body of unknown length
        cases.add(new Case(
                "URI of 10,000 characters",
                "GET",
                "/negotiations/" + ID + "?q=" + "u".repeat(10_000),
                null,
                null,
                null,
                null,
                true));
        cases.add(new Case(
                "POST to a URI of 10,000 characters",
                "POST",
                "/negotiations/" + "a".repeat(10_000) + "/talks",
                leaders,
                "Content-Type",
                "application/json",
                null,
                true));
        cases.add(new Case(
                "a header of 20,000 bytes",
                "GET",
                "/negotiations/" + ID,
                null,
                "X-Padding",
                "h".repeat(20_000),
                null,
                true));
        cases.add(new Case(
                "a chunked body over 256 KiB",
                "POST",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> o.put("summary", "c".repeat(300_000))),
                "Content-Type",
                "application/json",
                null,
                true));
        // invisible or direction-changing characters
        for (String invisible : List.of(
                "\u202E", "\u202D", "\u2066", "\u2069", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u061C",
                "\u0085")) {
            String code = String.format("U+%04X", (int) invisible.charAt(0));
            cases.add(field(
                    code + " in title",
                    "/negotiations",
                    edit(open, o -> o.put("title", "Canada" + invisible + "Korea")),
                    "title"));
            cases.add(field(
                    code + " in a participant name",
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> participant(o).put("name", "Mark" + invisible + " Carney")),
                    "fact.participants[0].name"));
            cases.add(field(
                    code + " in a source title",
                    "/negotiations/" + ID + "/leaders-meetings",
                    edit(leaders, o -> source(o).put("title", invisible + "Communiqué")),
                    "fact.sources[0].title"));
        }
        // dates outside the plausible range for the fact's status
        cases.add(field(
                "occurred in year 0000",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> fact(o).put("date", "0000-01-01")),
                "fact.date"));
        cases.add(field(
                "occurred in 1899",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> fact(o).put("date", "1899-12")),
                "fact.date"));
        cases.add(field(
                "planned for 2999",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> fact(o).put("status", "PLANNED").put("date", "2999")),
                "fact.date"));
        cases.add(field(
                "announced for 60 years from now",
                "/negotiations/" + ID + "/leaders-meetings",
                edit(leaders, o -> fact(o).put("status", "ANNOUNCED")
                        .put("date", String.valueOf(java.time.LocalDate.now().getYear() + 60) + "-Q1")),
                "fact.date"));
        cases.add(field(
                "opened in year 0001", "/negotiations", edit(open, o -> fact(o).put("date", "0001")), "fact.date"));
        cases.add(field(
                "stalled in year 0000",
                "/negotiations/" + ID + "/stall",
                "{\"date\": \"0000-01\", \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}",
                "date"));
        // indicators and claims
        String indicator = Bodies.tradeIndicator();
        String share = Bodies.shareIndicator();
        String claim = Bodies.claim();
        String indicators = "/negotiations/" + ID + "/indicators";
        for (String f : List.of("name", "value", "qualifier", "unit", "period", "scope", "sources")) {
            cases.add(field(
                    "indicator without " + f, indicators, edit(indicator, o -> remove(ind(o), f)), "indicator." + f));
        }
        cases.add(field("indicator without its body", indicators, "{}", "indicator"));
        cases.add(field(
                "indicator value as words",
                indicators,
                edit(indicator, o -> ind(o).put("value", "24.5 billion")),
                "indicator.value"));
        cases.add(field(
                "indicator qualifier unknown",
                indicators,
                edit(indicator, o -> ind(o).put("qualifier", "ROUGHLY")),
                "indicator.qualifier"));
        cases.add(field(
                "indicator currency 'cad'",
                indicators,
                edit(indicator, o -> ind(o).put("currency", "cad")),
                "indicator.currency"));
        cases.add(field(
                "indicator currency XAU",
                indicators,
                edit(indicator, o -> ind(o).put("currency", "XAU")),
                "indicator.currency"));
        cases.add(field(
                "money without a currency",
                indicators,
                edit(indicator, o -> ind(o).putNull("currency")),
                "indicator.currency"));
        cases.add(field(
                "percent with a currency",
                indicators,
                edit(share, o -> ind(o).put("currency", "CAD")),
                "indicator.currency"));
        cases.add(field(
                "indicator period 'last year'",
                indicators,
                edit(indicator, o -> ind(o).put("period", "last year")),
                "indicator.period"));
        cases.add(field(
                "indicator period in 1899",
                indicators,
                edit(indicator, o -> ind(o).put("period", "1899")),
                "indicator.period"));
        cases.add(field(
                "indicator period in the future",
                indicators,
                edit(indicator, o -> ind(o).put(
                                "period",
                                String.valueOf(java.time.LocalDate.now().getYear() + 1))),
                "indicator.period"));
        cases.add(field(
                "indicator with no sources",
                indicators,
                edit(indicator, o -> ind(o).putArray("sources")),
                "indicator.sources"));
        cases.add(field(
                "indicator source kind RUMOUR",
                indicators,
                edit(indicator, o -> ((ObjectNode) ind(o).get("sources").get(0)).put("kind", "RUMOUR")),
                "indicator.sources[0].kind"));
        cases.add(field(
                "indicator source with a blank publisher",
                indicators,
                edit(indicator, o -> ((ObjectNode) ind(o).get("sources").get(0)).put("publisher", " ")),
                "indicator.sources[0].publisher"));
        cases.add(field(
                "indicator name of 301 characters",
                indicators,
                edit(indicator, o -> ind(o).put("name", "x".repeat(301))),
                "indicator.name"));
        cases.add(field(
                "unknown field in an indicator",
                indicators,
                edit(indicator, o -> ind(o).put("confidence", 0.9)),
                "indicator.confidence"));
        cases.add(field(
                "claim without a statement",
                "/negotiations/" + ID + "/claims",
                edit(claim, o -> remove(o, "statement")),
                "statement"));
        cases.add(field(
                "claim without a source",
                "/negotiations/" + ID + "/claims",
                edit(claim, o -> remove(o, "source")),
                "source"));
        cases.add(field(
                "claim made on 'recently'",
                "/negotiations/" + ID + "/claims",
                edit(claim, o -> o.put("madeOn", "recently")),
                "madeOn"));
        cases.add(field(
                "claim source without a kind",
                "/negotiations/" + ID + "/claims",
                edit(claim, o -> remove((ObjectNode) o.get("source"), "kind")),
                "source.kind"));
        cases.add(field(
                "indicator correction of version 0",
                "/negotiations/" + ID + "/indicator-corrections",
                "{\"targetVersion\": 0, \"reason\": \"x\", \"corrected\": "
                        + JSON.readTree(indicator).get("indicator") + "}",
                "targetVersion"));
        cases.add(field(
                "indicator correction without a reason",
                "/negotiations/" + ID + "/indicator-corrections",
                "{\"targetVersion\": 1, \"corrected\": "
                        + JSON.readTree(indicator).get("indicator") + "}",
                "reason"));
        cases.add(field(
                "indicator retraction of a fact",
                "/negotiations/" + ID + "/indicator-retractions",
                "{\"targetVersion\": 1, \"reason\": \"x\"}",
                "targetVersion"));
        cases.add(field(
                "claim retraction without a reason",
                "/negotiations/" + ID + "/claim-retractions",
                "{\"targetVersion\": 1}",
                "reason"));
        cases.add(field(
                "fact retraction of nothing there",
                "/negotiations/" + ID + "/claim-retractions",
                "{\"targetVersion\": 99, \"reason\": \"x\"}",
                "targetVersion"));
        // domain rules on valid-looking input
        cases.add(post("committee without an MOU", "/negotiations/" + ID + "/committees", Bodies.committee()));
        cases.add(post("open an existing negotiation", "/negotiations", Bodies.open(ID)));
        cases.add(post(
                "occurred in the future", "/negotiations/" + ID + "/leaders-meetings", edit(leaders, o -> fact(o).put(
                                "date", "2099-01-01"))));
        cases.add(post(
                "resume when not stalled",
                "/negotiations/" + ID + "/resume",
                "{\"date\": \"2026-02\", \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        cases.add(post(
                "retract the opening",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": 1, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        cases.add(post(
                "retract a version that does not exist",
                "/negotiations/" + ID + "/retractions",
                "{\"targetVersion\": 99, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}"));
        return cases;
    }

    private static Case field(String name, String path, String body, String field) {
        return new Case(name, "POST", path, body, null, null, field, false);
    }

    private static Object deep(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = java.util.Map.of("d", value);
        }
        return value;
    }

    private static ObjectNode ind(ObjectNode body) {
        return (ObjectNode) body.get("indicator");
    }

    private static Case post(String name, String path, String body) {
        return new Case(name, "POST", path, body, null, null);
    }

    private static String edit(String json, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        change.accept(node);
        return JSON.writeValueAsString(node);
    }

    private static void remove(ObjectNode node, String field) {
        node.remove(field);
    }

    private static ObjectNode fact(ObjectNode body) {
        return (ObjectNode) body.get("fact");
    }

    private static ObjectNode source(ObjectNode body) {
        return (ObjectNode) fact(body).get("sources").get(0);
    }

    private static ObjectNode participant(ObjectNode body) {
        return (ObjectNode) fact(body).get("participants").get(0);
    }

    private static void repeat(ObjectNode parent, String field, int times) {
        JsonNode first = parent.get(field).get(0);
        ArrayNode list = parent.putArray(field);
        for (int i = 0; i < times; i++) {
            list.add(first.deepCopy());
        }
    }

    private static String abbreviate(String s) {
        String shown = s.replaceAll("\\s+", " ");
        return "'" + (shown.length() > 20 ? shown.substring(0, 20) + "…" : shown) + "'";
    }
}
