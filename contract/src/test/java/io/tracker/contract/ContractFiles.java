package io.tracker.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The files of the artifact as a subscriber sees them on its classpath, and the 1.0.0 baseline. */
final class ContractFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PRODUCERS = List.of("negotiation-service", "investment-service");
    static final String BASE_URI = "https://contract.tracker.example/";

    private ContractFiles() {
    }

    /** {@code root}: "tracker-contract" (the artifact) or "baseline/1.0.0". */
    static Path folder(String root, String producer, String sub) {
        URL url = ContractFiles.class.getClassLoader().getResource(root + "/" + producer + "/" + sub);
        if (url == null) {
            throw new IllegalStateException("no " + root + "/" + producer + "/" + sub + " on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String root, String producer, String sub) {
        try (Stream<Path> s = Files.list(folder(root, producer, sub))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resource(String path) {
        try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the classpath");
            }
            return path.endsWith(".yaml") ? new YAMLMapper().readTree(in) : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode asyncApi(String producer) {
        return resource("tracker-contract/" + producer + "/asyncapi.yaml");
    }

    /** The schema a {@code ce_dataschema} URI names, read from the artifact (its path below the base URI). */
    static JsonNode schemaAt(String dataSchemaUri) {
        if (!dataSchemaUri.startsWith(BASE_URI)) {
            throw new IllegalArgumentException(dataSchemaUri + " is not below " + BASE_URI);
        }
        return resource("tracker-contract/" + dataSchemaUri.substring(BASE_URI.length()));
    }
}
