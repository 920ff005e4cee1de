package io.tracker.contractcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.contractcheck.testing.SchemaAgreement;

/**
 * The check on its own, on the published contract (io.tracker:tracker-contract on the test class path, as a
 * consumer has it): every schema of both producers loads and compiles for the quick check; what is not published
 * is absent; a schema the quick check cannot compile is still fully validated; the hand date check is networknt's
 * date format for the dates it accepts. (The quick check against the full validation on the producers' samples
 * and their mutations: each consumer's QuickSchemaCheckTest, with {@link SchemaAgreement}.)
 */
class PublishedSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRODUCERS = List.of("negotiation-service", "investment-service");

    private final PublishedSchemas schemas = new PublishedSchemas();

    @Test
    void everyPublishedSchemaLoadsAndHasAQuickCheck() throws IOException {
        int n = 0;
        for (String producer : PRODUCERS) {
            for (Path file : SchemaAgreement.files(contractFolder(producer + "/schemas"))) {
                String[] name = file.getFileName().toString().split("\\.v|\\.json");
                PublishedSchemas.Published published = schemas.schema(producer, name[0], Integer.parseInt(name[1]))
                        .orElseThrow();
                assertNotNull(published.full(), file + ": compiled by networknt");
                assertNotNull(published.quick(), file + ": compiled for the quick check");
                n++;
            }
        }
        assertTrue(n >= 27, n + " schemas");
    }

    @Test
    void whatIsNotPublishedIsAbsent() {
        assertTrue(schemas.schema("negotiation-service", "NegotiationOpened", 1).isPresent());
        assertTrue(
                schemas.schema("negotiation-service", "NegotiationOpened", 99).isEmpty());
        assertTrue(schemas.schema("negotiation-service", "NoSuchEvent", 1).isEmpty());
        assertTrue(schemas.schema("no-such-producer", "NegotiationOpened", 1).isEmpty());
    }

    @Test
    void aSchemaWithAKeywordTheQuickCheckDoesNotKnowIsFullyValidated() throws IOException {
        JsonNode schema = JSON.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"name": {"type": "string", "maxLength": 3}}}""");
        assertNull(QuickSchemaCheck.compile(schema), "maxLength is not a keyword of the quick check");
        PublishedSchemas.Published published = new PublishedSchemas.Published(
                com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                        .getSchema(schema),
                null);
        assertNull(published.firstViolation(JSON.readTree("{\"name\": \"abc\"}")));
        String violation = published.firstViolation(JSON.readTree("{\"name\": \"abcd\"}"));
        assertNotNull(violation);
        assertTrue(violation.contains("name"), violation);
    }

    @Test
    void thePlainDateIsADateOfNetworkntsDateFormat() {
        com.networknt.schema.Format date = new com.networknt.schema.format.DateFormat();
        int plain = 0;
        for (String year : List.of("0000", "0001", "0999", "1000", "1900", "2000", "2024", "2026", "2100", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    for (String s : List.of(
                            String.format("%s-%02d-%02d", year, month, day),
                            String.format("%s-%d-%d", year, month, day),
                            String.format("%s-%02d-%02dZ", year, month, day),
                            String.format("%s/%02d/%02d", year, month, day))) {
                        boolean networknt = date.matches(null, s);
                        assertEquals(
                                networknt && !year.equals("0000") && s.length() == 10,
                                QuickSchemaCheck.plainDate(s),
                                s);
                        plain += QuickSchemaCheck.plainDate(s) ? 1 : 0;
                    }
                }
            }
        }
        for (String s : List.of("", "2026-01-2", "+2026-01-01", "2026-01-0١", "٢026-01-01", "2026-0a-01")) {
            assertEquals(false, QuickSchemaCheck.plainDate(s), s);
        }
        assertTrue(plain > 3000, plain + " plain dates");
    }

    /** A folder of the contract artifact on the class path: a directory, or a folder inside its jar. */
    private static Path contractFolder(String sub) throws IOException {
        URL url = PublishedSchemasTest.class.getClassLoader().getResource("tracker-contract/" + sub);
        assertNotNull(url, "tracker-contract/" + sub + " on the class path");
        try {
            URI uri = url.toURI();
            try {
                return Path.of(uri);
            } catch (FileSystemNotFoundException e) {
                FileSystems.newFileSystem(uri, Map.of());
                return Path.of(uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
