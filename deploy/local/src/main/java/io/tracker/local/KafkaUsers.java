package io.tracker.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The principals of the local broker and their passwords: {@code admin} (the broker and controller themselves,
 * and the tool that creates topics and ACLs: the only super user) and one user per service, named as the
 * Kubernetes KafkaUsers are. Passwords are made on first start and kept in {@code <kafka data>/users.properties}
 * (readable by the owner only), like the JWT signing key, so services started later (or by another process) can
 * read their own. Authentication is SASL/PLAIN over plaintext on 127.0.0.1 (Kubernetes: SCRAM-SHA-512 over TLS).
 */
public final class KafkaUsers {
    public static final String ADMIN = "admin";
    public static final String NEGOTIATION = "negotiation-service";
    public static final String INVESTMENT = "investment-service";
    public static final String PROJECTION = "projection-service";
    public static final List<String> SERVICES = List.of(NEGOTIATION, INVESTMENT, PROJECTION);
    public static final String MECHANISM = "PLAIN";
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private KafkaUsers(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** The users kept in {@code file}, made (with fresh random passwords) where missing. */
    public static KafkaUsers loadOrCreate(Path file) {
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    stored.load(r);
                }
            }
            boolean changed = false;
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String user : all()) {
                String password = stored.getProperty(user);
                if (password == null || password.isBlank()) {
                    byte[] bytes = new byte[24];
                    RANDOM.nextBytes(bytes);
                    password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    stored.setProperty(user, password);
                    changed = true;
                }
                passwords.put(user, password);
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), "users", ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                try (Writer w = Files.newBufferedWriter(temp)) {
                    stored.store(w, "Kafka users of the local broker (SASL/PLAIN): user = password");
                }
                if (Files.exists(file)) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    try {
                        // a hard link fails when the file exists: when another process made it first, its passwords win
                        Files.createLink(file, temp);
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        return loadOrCreate(file);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            }
            return new KafkaUsers(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the Kafka users in " + file, e);
        }
    }

    private static List<String> all() {
        List<String> users = new java.util.ArrayList<>();
        users.add(ADMIN);
        users.addAll(SERVICES);
        return users;
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return password;
    }

    /** The {@code sasl.jaas.config} of a client logging in as {@code user} with {@code password}. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    public String jaasConfig(String user) {
        return jaasConfig(user, password(user));
    }

    /** The broker's side: its own login (as admin) and every user it accepts. */
    String brokerJaasConfig() {
        StringBuilder jaas = new StringBuilder(
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"")
                .append(ADMIN)
                .append("\" password=\"")
                .append(password(ADMIN))
                .append('"');
        passwords.forEach((user, password) -> jaas.append(" user_")
                .append(user)
                .append("=\"")
                .append(password)
                .append('"'));
        return jaas.append(';').toString();
    }

    /** The security settings of a Kafka client logging in as {@code user}. */
    public Map<String, String> clientConfig(String user) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("security.protocol", PROTOCOL);
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaasConfig(user));
        return config;
    }
}
