package io.tracker.local.test;

import java.util.Properties;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings of a test's own Kafka clients (producers standing in for another service, readers of topics,
 * admin clients): the broker of {@link LocalStackTestResource}, which takes SASL/PLAIN logins only, logged in as
 * its {@code admin} (the tests' clients are not the service under test; the service logs in as its own user).
 */
public final class TestKafka {
    static final String PREFIX = "tracker.test.kafka.";

    private TestKafka() {}

    /** bootstrap.servers and the admin's login; add the client's own settings. */
    public static Properties clientConfig() {
        var config = ConfigProvider.getConfig();
        Properties p = new Properties();
        p.put("bootstrap.servers", config.getValue("kafka.bootstrap.servers", String.class));
        for (String key : new String[] {"security.protocol", "sasl.mechanism", "sasl.jaas.config"}) {
            config.getOptionalValue(PREFIX + key, String.class).ifPresent(v -> p.put(key, v));
        }
        return p;
    }

    /** {@link #clientConfig()} as a map, for {@code Admin.create} and the like. */
    public static java.util.Map<String, Object> clientMap() {
        java.util.Map<String, Object> map = new java.util.HashMap<>();
        clientConfig().forEach((k, v) -> map.put((String) k, v));
        return map;
    }
}
