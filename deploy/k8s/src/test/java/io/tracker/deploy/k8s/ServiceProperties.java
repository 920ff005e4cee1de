package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code src/main/resources/application.properties} as the container sees it: the
 * profile-less keys, overridden by {@code %prod.} keys (the profile of a packaged Quarkus
 * application); keys of other profiles ({@code %dev.}, {@code %test.}, ...) are ignored.
 */
final class ServiceProperties {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    final String service;
    final Path file;
    private final Map<String, String> effective;

    private ServiceProperties(String service, Path file, Map<String, String> effective) {
        this.service = service;
        this.file = file;
        this.effective = effective;
    }

    static ServiceProperties of(String service) {
        Path file = Kustomize.REPO_ROOT.resolve(service).resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            fail(file + " does not exist. The deploy/k8s tests cross-check the manifests against each service's "
                    + "application.properties (topics, consumer groups, HTTP port, environment variables); "
                    + "see deploy/k8s/README.md, section \"What the manifests expect from the services\".");
        }
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(r);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> prod = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            String value = raw.getProperty(key).trim();
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), value);
            } else if (key.startsWith("%") || key.startsWith("\"%")) {
                // another profile (dev, test, ...): not what runs in the cluster
            } else {
                plain.put(key, value);
            }
        }
        Map<String, String> effective = new TreeMap<>(plain);
        effective.putAll(prod);
        return new ServiceProperties(service, file, effective);
    }

    Optional<String> raw(String key) {
        return Optional.ofNullable(effective.get(key));
    }

    String require(String key) {
        String v = effective.get(key);
        if (v == null) {
            fail(file + " has no key " + key + " (needed to check the Kubernetes manifests against it)");
        }
        return v;
    }

    /** The value of a key with ${...} expressions resolved against the container environment. */
    String resolved(String key, Map<String, String> env) {
        String envForm = envForm(key);
        if (env.containsKey(envForm)) {
            return env.get(envForm); // an environment variable overrides application.properties
        }
        return resolve(require(key), env, 0);
    }

    Optional<String> resolvedOptional(String key, Map<String, String> env) {
        String envForm = envForm(key);
        if (env.containsKey(envForm)) {
            return Optional.of(env.get(envForm));
        }
        return raw(key).map(v -> resolve(v, env, 0));
    }

    /** The environment variable that MicroProfile Config maps to a property name. */
    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Environment variable names referenced as ${NAME...} by the effective keys. */
    Set<String> envReferences() {
        Set<String> names = new LinkedHashSet<>();
        for (String v : effective.values()) {
            Matcher m = ENV_REF.matcher(v);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Environment variable names referenced as ${NAME} with no default: the service cannot start without them. */
    Set<String> envReferencesWithoutDefault() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(String.join("\n", effective.values()));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    boolean hasKey(String key) {
        return effective.containsKey(key);
    }

    /** Kafka channels of one direction ("incoming"/"outgoing"): channel name -> topic (resolved). */
    Map<String, String> channels(String direction, Map<String, String> env) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String key : effective.keySet()) {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (!m.matches() || !m.group(1).equals(direction)) {
                continue;
            }
            String channel = m.group(2);
            String connector = resolvedOptional("mp.messaging." + direction + "." + channel + ".connector", env)
                    .orElse("smallrye-kafka");
            if (!connector.equals("smallrye-kafka")) {
                continue;
            }
            topics.put(
                    channel,
                    resolvedOptional("mp.messaging." + direction + "." + channel + ".topic", env)
                            .orElse(channel));
        }
        return topics;
    }

    private String resolve(String value, Map<String, String> env, int depth) {
        if (depth > 10) {
            fail(file + ": expression nesting too deep in " + value);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int level = 0;
            int end = -1;
            int colon = -1;
            for (int j = start; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '{') {
                    level++;
                } else if (c == '}') {
                    level--;
                    if (level == 0) {
                        end = j;
                        break;
                    }
                } else if (c == ':' && level == 1 && colon < 0) {
                    colon = j;
                }
            }
            if (end < 0) {
                fail(file + ": unbalanced expression in " + value);
            }
            String name = value.substring(start + 2, colon > 0 ? colon : end);
            String dflt = colon > 0 ? value.substring(colon + 1, end) : null;
            String replacement;
            if (env.containsKey(name)) {
                replacement = env.get(name);
            } else if (effective.containsKey(name)) {
                replacement = resolve(effective.get(name), env, depth + 1);
            } else if (dflt != null) {
                replacement = resolve(dflt, env, depth + 1);
            } else {
                fail(file + ": ${" + name + "} is neither set in the container environment nor has a default, in "
                        + value);
                return null;
            }
            out.append(replacement);
            i = end + 1;
        }
        return out.toString();
    }
}
