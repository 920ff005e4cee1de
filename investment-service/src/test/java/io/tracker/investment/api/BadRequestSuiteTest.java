package io.tracker.investment.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.local.test.RawHttp;
import io.tracker.local.test.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A generated suite of bad requests: malformed JSON, wrong types, missing fields, huge and control-character
 * strings, injection strings in constrained fields, bad codes, money and dates, oversized lists, bad headers
 * and paths, and domain rules. Each must get a 4xx problem+json, and none may change the event count.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "lges-bad-requests";
    private static final String COMMANDS = "/investments/" + ID;
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
     *        body over 64 KiB is sent chunked), for the refusals of the HTTP layer
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
        given().contentType("application/json").body(Bodies.announce(ID)).post("/investments");
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
                    Response response = request.body(c.body().getBytes(StandardCharsets.UTF_8))
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
        String announce = Bodies.announce("lges-new-one");
        String commit = Bodies.commit();
        String revise = Bodies.revise();
        String milestone = Bodies.milestone();
        String withdrawal = """
                {"reason": "Called off", "businessDate": "2026-05", "status": "OCCURRED", "sources": [%s]}""".formatted(Bodies.ISED);
        String correction = """
                {"correctsVersion": 1, "correction": {"expectedJobs": 3000}, "reason": "x", "sources": [%s]}""".formatted(Bodies.ISED);
        String retraction = """
                {"retractsVersion": 1, "reason": "x", "sources": [%s]}""".formatted(Bodies.ISED);

        // malformed JSON
        for (String broken : List.of(
                "",
                "{",
                "}",
                "{\"investmentId\": }",
                "{'investmentId': 'x'}",
                "{\"investmentId\": \"x\",}",
                "[]",
                "42",
                "\"text\"",
                "null",
                "{\"expectedJobs\": NaN}",
                "{\"investmentId\": \"x\" \"project\": \"y\"}",
                announce.substring(0, announce.length() / 2),
                "\uFEFF{}")) {
            cases.add(new Case("malformed " + abbreviate(broken), "POST", "/investments", broken, null, null));
        }
        // missing required fields
        for (String field : List.of(
                "investmentId",
                "project",
                "investor",
                "sector",
                "site",
                "amount",
                "negotiationIds",
                "businessDate",
                "status",
                "sources")) {
            cases.add(post("announce without " + field, "/investments", edit(announce, o -> o.remove(field))));
        }
        for (String field : List.of("amount", "businessDate", "status", "sources")) {
            cases.add(
                    post("commitment without " + field, COMMANDS + "/commitment", edit(commit, o -> o.remove(field))));
        }
        cases.add(post(
                "milestone without milestone", COMMANDS + "/milestones", edit(milestone, o -> o.remove("milestone"))));
        cases.add(
                post("withdrawal without reason", COMMANDS + "/withdrawal", edit(withdrawal, o -> o.remove("reason"))));
        for (String field : List.of("correctsVersion", "correction", "reason", "sources")) {
            cases.add(post(
                    "correction without " + field, COMMANDS + "/corrections", edit(correction, o -> o.remove(field))));
        }
        cases.add(post(
                "retraction without retractsVersion",
                COMMANDS + "/retractions",
                edit(retraction, o -> o.remove("retractsVersion"))));
        cases.add(post("investor without country", "/investments", edit(announce, o -> obj(o, "investor")
                .remove("country"))));
        cases.add(post("site without country", "/investments", edit(announce, o -> obj(o, "site")
                .remove("country"))));
        // wrong types
        cases.add(post("id as number", "/investments", edit(announce, o -> o.put("investmentId", 12345))));
        cases.add(post("project as array", "/investments", edit(announce, o -> o.putArray("project")
                .add("x"))));
        cases.add(post("project as object", "/investments", edit(announce, o -> o.putObject("project"))));
        cases.add(post("investor as string", "/investments", edit(announce, o -> o.put("investor", "LG"))));
        cases.add(post("partners as string", "/investments", edit(announce, o -> o.put("partners", "Stellantis"))));
        cases.add(post("sector as number", "/investments", edit(announce, o -> o.put("sector", 3))));
        cases.add(post("sector unknown", "/investments", edit(announce, o -> o.put("sector", "BATTERIES"))));
        cases.add(post("site as array", "/investments", edit(announce, o -> o.putArray("site"))));
        cases.add(post("amount as text", "/investments", edit(announce, o -> o.put("amount", "5 billion"))));
        cases.add(post("amount as number", "/investments", edit(announce, o -> o.put("amount", 5000000000L))));
        cases.add(post("amount.amount as boolean", "/investments", edit(announce, o -> o.putObject("amount")
                .put("amount", true)
                .put("currency", "CAD"))));
        cases.add(post("amount.amount not a number", "/investments", edit(announce, o -> o.putObject("amount")
                .put("amount", "five")
                .put("currency", "CAD"))));
        cases.add(post("amount.undisclosed as text", "/investments", edit(announce, o -> o.putObject("amount")
                .put("undisclosed", "yes"))));
        cases.add(post(
                "expected jobs as float", COMMANDS + "/commitment", edit(commit, o -> o.put("expectedJobs", 2500.5))));
        cases.add(post(
                "expected jobs as array", COMMANDS + "/commitment", edit(commit, o -> o.putArray("expectedJobs"))));
        cases.add(post(
                "negotiation ids as string", "/investments", edit(announce, o -> o.put("negotiationIds", "ca-kr"))));
        cases.add(post("negotiation ids of numbers", "/investments", edit(announce, o -> o.putArray("negotiationIds")
                .add(1)
                .add(2))));
        cases.add(
                post("business date as number", "/investments", edit(announce, o -> o.put("businessDate", 20260129))));
        cases.add(post("status as boolean", "/investments", edit(announce, o -> o.put("status", true))));
        cases.add(post("status unknown", "/investments", edit(announce, o -> o.put("status", "RUMOURED"))));
        cases.add(post("sources as object", "/investments", edit(announce, o -> o.putObject("sources"))));
        cases.add(post("source kind unknown", "/investments", edit(announce, o -> source(o)
                .put("kind", "RUMOUR"))));
        cases.add(post("source published not a date", "/investments", edit(announce, o -> source(o)
                .put("published", "last week"))));
        cases.add(post(
                "milestone unknown",
                COMMANDS + "/milestones",
                edit(milestone, o -> o.put("milestone", "GROUNDBREAKING"))));
        cases.add(post(
                "corrects version as text",
                COMMANDS + "/corrections",
                edit(correction, o -> o.put("correctsVersion", "one"))));
        cases.add(post(
                "corrects version as float",
                COMMANDS + "/corrections",
                edit(correction, o -> o.put("correctsVersion", 1.5))));
        cases.add(post(
                "corrects version zero",
                COMMANDS + "/corrections",
                edit(correction, o -> o.put("correctsVersion", 0))));
        cases.add(post(
                "retracts version negative",
                COMMANDS + "/retractions",
                edit(retraction, o -> o.put("retractsVersion", -3))));
        cases.add(post(
                "correction as array", COMMANDS + "/corrections", edit(correction, o -> o.putArray("correction"))));
        // unknown fields
        for (String extra : List.of("admin", "version", "eventId", "__proto__", "id")) {
            cases.add(post("unknown field " + extra, "/investments", edit(announce, o -> o.put(extra, true))));
        }
        cases.add(post("unknown field in site", "/investments", edit(announce, o -> obj(o, "site")
                .put("town", "Windsor"))));
        cases.add(post("unknown field in amount", "/investments", edit(announce, o -> obj(o, "amount")
                .put("value", 5))));
        cases.add(post(
                "unknown field in correction", COMMANDS + "/corrections", edit(correction, o -> obj(o, "correction")
                        .put("title", "x"))));
        // huge strings and control characters
        cases.add(post(
                "project of 301 characters", "/investments", edit(announce, o -> o.put("project", "x".repeat(301)))));
        cases.add(post("investor name of 201 characters", "/investments", edit(announce, o -> obj(o, "investor")
                .put("name", "n".repeat(201)))));
        cases.add(post(
                "reason of 4001 characters",
                COMMANDS + "/withdrawal",
                edit(withdrawal, o -> o.put("reason", "r".repeat(4001)))));
        cases.add(post(
                "reason of 100k characters",
                COMMANDS + "/withdrawal",
                edit(withdrawal, o -> o.put("reason", "r".repeat(100_000)))));
        cases.add(post(
                "body over 256 KiB",
                COMMANDS + "/withdrawal",
                edit(withdrawal, o -> o.put("reason", "z".repeat(300_000)))));
        cases.add(post("source title of 301 characters", "/investments", edit(announce, o -> source(o)
                .put("title", "t".repeat(301)))));
        for (String control : List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0008")) {
            String code = String.format("%04X", (int) control.charAt(0));
            cases.add(post(
                    "control character U+" + code + " in project",
                    "/investments",
                    edit(announce, o -> o.put("project", "NextStar" + control + "Energy"))));
            cases.add(post(
                    "control character U+" + code + " in reason",
                    COMMANDS + "/withdrawal",
                    edit(withdrawal, o -> o.put("reason", "a" + control))));
        }
        cases.add(post("blank project", "/investments", edit(announce, o -> o.put("project", "   "))));
        cases.add(post("blank investor name", "/investments", edit(announce, o -> obj(o, "investor")
                .put("name", ""))));
        cases.add(post(
                "blank city", "/investments", edit(announce, o -> obj(o, "site").put("city", "  "))));
        cases.add(post("blank source title", "/investments", edit(announce, o -> source(o)
                .put("title", ""))));
        cases.add(post("blank reason", COMMANDS + "/withdrawal", edit(withdrawal, o -> o.put("reason", " "))));
        // injection strings where the value is constrained
        for (String injection : INJECTIONS) {
            cases.add(post(
                    "injection in id: " + injection,
                    "/investments",
                    edit(announce, o -> o.put("investmentId", injection))));
            cases.add(post("injection in country: " + injection, "/investments", edit(announce, o -> obj(o, "investor")
                    .put("country", injection))));
            cases.add(post("injection in province: " + injection, "/investments", edit(announce, o -> obj(o, "site")
                    .put("province", injection))));
            cases.add(post(
                    "injection in currency: " + injection, COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                            .put("currency", injection))));
            cases.add(post("injection in negotiation id: " + injection, "/investments", edit(announce, o -> o.putArray(
                            "negotiationIds")
                    .add(injection))));
            cases.add(post(
                    "injection in date: " + injection,
                    COMMANDS + "/commitment",
                    edit(commit, o -> o.put("businessDate", injection))));
            cases.add(post("injection in source url: " + injection, "/investments", edit(announce, o -> source(o)
                    .put("url", injection))));
        }
        // bad codes
        for (String country : List.of("XX", "ca", "CAN", "C1", "", "ZZ")) {
            cases.add(post("investor country '" + country + "'", "/investments", edit(announce, o -> obj(o, "investor")
                    .put("country", country))));
        }
        for (String province : List.of("ON", "CA-XX", "ca-on", "CA-ON ", "QC", "")) {
            cases.add(post("province '" + province + "'", "/investments", edit(announce, o -> obj(o, "site")
                    .put("province", province))));
        }
        cases.add(post("province for a site in Korea", "/investments", edit(announce, o -> obj(o, "site")
                .put("country", "KR")
                .put("province", "CA-ON"))));
        for (String currency : List.of("cad", "CA", "DOLLARS", "XYZ", "")) {
            cases.add(post("currency '" + currency + "'", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                    .put("currency", currency))));
        }
        // money
        cases.add(post("zero amount", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .put("amount", "0.00"))));
        cases.add(post("negative amount", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .put("amount", "-1"))));
        cases.add(post("amount with 20 digits", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .put("amount", "12345678901234567890"))));
        cases.add(post("amount 1e400", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .put("amount", "1e400"))));
        cases.add(post("amount and undisclosed", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .put("undisclosed", true))));
        cases.add(post("amount without currency", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .remove("currency"))));
        cases.add(post("currency without amount", COMMANDS + "/revisions", edit(revise, o -> obj(o, "amount")
                .remove("amount"))));
        cases.add(post("empty money", COMMANDS + "/revisions", edit(revise, o -> o.putObject("amount"))));
        cases.add(post("undisclosed false alone", COMMANDS + "/revisions", edit(revise, o -> o.putObject("amount")
                .put("undisclosed", false))));
        cases.add(post("negative jobs", COMMANDS + "/commitment", edit(commit, o -> o.put("expectedJobs", -1))));
        cases.add(post(
                "negative jobs in a correction", COMMANDS + "/corrections", edit(correction, o -> obj(o, "correction")
                        .put("expectedJobs", -5))));
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
                "late October 2025")) {
            cases.add(post(
                    "date '" + date + "'", COMMANDS + "/commitment", edit(commit, o -> o.put("businessDate", date))));
        }
        // list bounds
        cases.add(post("21 sources", COMMANDS + "/commitment", edit(commit, o -> repeat(o, "sources", 21))));
        cases.add(post("no sources", COMMANDS + "/commitment", edit(commit, o -> o.putArray("sources"))));
        cases.add(post("null in sources", COMMANDS + "/commitment", edit(commit, o -> ((ArrayNode) o.get("sources"))
                .addNull())));
        cases.add(post("21 partners", "/investments", edit(announce, o -> repeat(o, "partners", 21))));
        cases.add(post("21 negotiation ids", "/investments", edit(announce, o -> {
            ArrayNode ids = o.putArray("negotiationIds");
            for (int i = 0; i < 21; i++) {
                ids.add("ca-kr-" + i);
            }
        })));
        cases.add(post("null in negotiation ids", "/investments", edit(announce, o -> o.putArray("negotiationIds")
                .addNull())));
        // bad headers and paths
        cases.add(new Case("If-Match not an ETag", "POST", COMMANDS + "/commitment", commit, "If-Match", "\"abc\""));
        cases.add(new Case("If-Match negative", "POST", COMMANDS + "/commitment", commit, "If-Match", "\"-1\""));
        cases.add(new Case("If-Match stale", "POST", COMMANDS + "/commitment", commit, "If-Match", "\"7\""));
        cases.add(new Case(
                "Idempotency-Key too long",
                "POST",
                COMMANDS + "/commitment",
                commit,
                "Idempotency-Key",
                "k".repeat(201)));
        cases.add(new Case(
                "Idempotency-Key with spaces",
                "POST",
                COMMANDS + "/commitment",
                commit,
                "Idempotency-Key",
                "a key with spaces"));
        cases.add(post("path id with capitals", "/investments/LGES/commitment", commit));
        cases.add(post("path id too short", "/investments/ab/commitment", commit));
        cases.add(post("unknown investment", "/investments/no-such-one/commitment", commit));
        cases.add(post("unknown endpoint", COMMANDS + "/dividends", commit));
        cases.add(new Case("wrong method", "PUT", COMMANDS, commit, null, null));
        cases.add(
                new Case("wrong content type", "POST", COMMANDS + "/commitment", commit, "Content-Type", "text/plain"));
        cases.add(new Case("query without a negotiation id", "GET", "/investments", "", null, null));
        cases.add(new Case(
                "query with a bad negotiation id", "GET", "/investments?negotiationId=CA%20KR", "", null, null));
        String announceC = edit(announce, o -> {});
        String reviseC = edit(revise, o -> {});
        // strict JSON: a key twice, content after the document, too deep, not JSON at all
        cases.add(field(
                "duplicate key project",
                "/investments",
                announceC.replaceFirst("\\{", "{\"project\":\"first\","),
                "project"));
        cases.add(field(
                "duplicate key amount.currency",
                COMMANDS + "/revisions",
                reviseC.replace("\"amount\":{", "\"amount\":{\"currency\":\"USD\","),
                "amount.currency"));
        cases.add(field(
                "duplicate key in a partner",
                "/investments",
                announceC.replace("\"partners\":[{", "\"partners\":[{\"country\":\"FR\","),
                "partners[0].country"));
        cases.add(field("a second document after the body", "/investments", announce + " {}", "body"));
        cases.add(field("an array after the body", COMMANDS + "/commitment", commit + "[1]", "body"));
        cases.add(post("text after the body", "/investments", announce + " and more"));
        cases.add(post("10,000-deep object", "/investments", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        cases.add(post("10,000-deep array", COMMANDS + "/commitment", "[".repeat(10_000) + "]".repeat(10_000)));
        cases.add(post("a body that is not JSON", "/investments", "hello, this is not JSON"));
        cases.add(post("an XML body", COMMANDS + "/commitment", "<commitment/>"));
        // Content-Type
        cases.add(new Case("no Content-Type", "POST", "/investments", announce, null, null, null, true));
        cases.add(new Case(
                "Content-Type application/xml",
                "POST",
                COMMANDS + "/commitment",
                commit,
                "Content-Type",
                "application/xml",
                null,
                true));
        // the HTTP layer: URI, headers, body without a length
        cases.add(new Case(
                "URI of 10,000 characters",
                "GET",
                "/investments?negotiationId=" + "u".repeat(10_000),
                null,
                null,
                null,
                null,
                true));
        cases.add(new Case(
                "a header of 20,000 bytes", "GET", COMMANDS, null, "X-Padding", "h".repeat(20_000), null, true));
        cases.add(new Case(
                "a chunked body over 256 KiB",
                "POST",
                COMMANDS + "/commitment",
                edit(commit, o -> source(o).put("title", "c".repeat(300_000))),
                "Content-Type",
                "application/json",
                null,
                true));
        // invisible or direction-changing characters
        for (String invisible : List.of("\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u00AD", "\u061C")) {
            String code = String.format("U+%04X", (int) invisible.charAt(0));
            cases.add(field(
                    code + " in project",
                    "/investments",
                    edit(announce, o -> o.put("project", "Next" + invisible + "Star")),
                    "project"));
            cases.add(field(
                    code + " in the investor's name",
                    "/investments",
                    edit(announce, o -> obj(o, "investor").put("name", invisible + "LG Energy Solution")),
                    "investor.name"));
            cases.add(field(
                    code + " in a site city",
                    "/investments",
                    edit(announce, o -> obj(o, "site").put("city", "Wind" + invisible + "sor")),
                    "site.city"));
        }
        // non-monetary ISO 4217 codes
        for (String currency : List.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "CHE", "USN")) {
            cases.add(field(
                    "currency " + currency,
                    COMMANDS + "/revisions",
                    edit(revise, o -> obj(o, "amount").put("currency", currency)),
                    "amount.currency"));
        }
        // dates outside the plausible range for the fact's status
        cases.add(field(
                "occurred in year 0000",
                COMMANDS + "/commitment",
                edit(commit, o -> o.put("businessDate", "0000-01-01")),
                "businessDate"));
        cases.add(field(
                "occurred in 1899",
                COMMANDS + "/milestones",
                edit(milestone, o -> o.put("businessDate", "1899")),
                "businessDate"));
        cases.add(field(
                "announced for 2999",
                "/investments",
                edit(announce, o -> o.put("businessDate", "2999-Q1")),
                "businessDate"));
        cases.add(field(
                "planned for 60 years from now",
                COMMANDS + "/revisions",
                edit(revise, o -> o.put("status", "PLANNED")
                        .put(
                                "businessDate",
                                String.valueOf(java.time.LocalDate.now().getYear() + 60))),
                "businessDate"));
        cases.add(field(
                "corrected to year 0001",
                COMMANDS + "/corrections",
                edit(
                        correction,
                        o -> obj(o, "correction").put("businessDate", "0001").put("status", "OCCURRED")),
                "correction.businessDate"));
        // domain rules and links on valid-looking input
        cases.add(post("announce an existing investment", "/investments", Bodies.announce(ID)));
        cases.add(
                post("link to an unknown negotiation", "/investments", Bodies.announce("lges-linked", "never-opened")));
        cases.add(post(
                "correction linking an unknown negotiation",
                COMMANDS + "/corrections",
                edit(correction, o -> o.putObject("correction")
                        .putArray("negotiationIds")
                        .add("never-opened"))));
        cases.add(post("partner is the investor", "/investments", edit(announce, o -> o.putArray("partners")
                .addObject()
                .put("name", "LG Energy Solution")
                .put("country", "KR"))));
        cases.add(post("partner twice", "/investments", edit(announce, o -> repeat(o, "partners", 2))));
        cases.add(post("negotiation twice", "/investments", edit(announce, o -> o.putArray("negotiationIds")
                .add("ca-kr-twice")
                .add("ca-kr-twice"))));
        cases.add(post("milestone before the commitment", COMMANDS + "/milestones", milestone));
        cases.add(post("revision that changes nothing", COMMANDS + "/revisions", edit(revise, o -> {
            o.putObject("amount").put("undisclosed", true);
            o.remove("expectedJobs");
        })));
        cases.add(post(
                "correction that changes nothing",
                COMMANDS + "/corrections",
                edit(correction, o -> o.putObject("correction"))));
        cases.add(post("retract the announcement", COMMANDS + "/retractions", retraction));
        cases.add(post(
                "retract a version that does not exist",
                COMMANDS + "/retractions",
                edit(retraction, o -> o.put("retractsVersion", 99))));
        return cases;
    }

    private static Case field(String name, String path, String body, String field) {
        return new Case(name, "POST", path, body, null, null, field, false);
    }

    private static Case post(String name, String path, String body) {
        return new Case(name, "POST", path, body, null, null);
    }

    private static String edit(String json, Consumer<ObjectNode> change) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        change.accept(node);
        return JSON.writeValueAsString(node);
    }

    private static ObjectNode obj(ObjectNode body, String field) {
        return (ObjectNode) body.get(field);
    }

    private static ObjectNode source(ObjectNode body) {
        return (ObjectNode) body.get("sources").get(0);
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
