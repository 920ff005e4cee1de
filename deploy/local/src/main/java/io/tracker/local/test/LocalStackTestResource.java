package io.tracker.local.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tracker.local.KafkaUsers;
import io.tracker.local.LocalStack;
import io.tracker.local.Ports;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/**
 * A global Quarkus test resource: a real Kafka broker and a real PostgreSQL server on free ports in a
 * temporary folder, shared by all test classes of a module. Init arg {@code database} names the
 * database (default {@code app}). The broker is the run command's secured one (SASL/PLAIN, the ACLs of
 * {@link io.tracker.local.KafkaAccess}, its topics made on start); init arg {@code kafka-user} is who the service
 * under test logs in as: one of {@link KafkaUsers#SERVICES}, with only that service's rights (it then never creates
 * a topic), or {@code admin} (the default, for what is not one of the services: es-core's own tests, the example
 * subscriber). The tests' own clients log in as {@code admin} ({@link TestKafka}).
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {
    private LocalStack stack;
    private Path dir;
    private String database = "app";
    private String kafkaUser = KafkaUsers.ADMIN;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        kafkaUser = initArgs.getOrDefault("kafka-user", kafkaUser);
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("local-stack-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = new LocalStack(dir, Ports.free(), Ports.free(), Ports.free(), true).start(List.of(database));
        Map<String, String> config = new java.util.HashMap<>(stack.quarkusConfig(database, kafkaUser));
        if (KafkaUsers.SERVICES.contains(kafkaUser)) {
            // as in a deployment: the topics are made by the admin, a service may not create one
            config.put("tracker.outbox.create-topic", "false");
        }
        stack.kafka().users().clientConfig(KafkaUsers.ADMIN).forEach((k, v) -> config.put(TestKafka.PREFIX + k, v));
        // a signing key for this test run: the services verify with the public key, TestTokens signs
        JwtKeys keys = JwtKeys.generate();
        config.put("mp.jwt.verify.publickey", keys.publicPem());
        config.put("mp.jwt.verify.issuer", Tokens.LOCAL_ISSUER);
        config.put(TestTokens.PRIVATE_KEY_PROPERTY, keys.privatePem());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                stack, new TestInjector.AnnotatedAndMatchesType(InjectLocalStack.class, LocalStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
