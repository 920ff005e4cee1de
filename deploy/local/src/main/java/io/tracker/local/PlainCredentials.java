package io.tracker.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * The embedded broker's check of a SASL/PLAIN login against the {@code user_<name>="<password>"} options of its
 * JAAS configuration, as Kafka's own {@code PlainServerCallbackHandler} does, but recognising Kafka's
 * {@code PlainAuthenticateCallback} by its class NAME. The JDK keeps SASL server providers JVM-wide: the first
 * Kafka to register its PLAIN provider wins, and a broker started later from another class loader (a Quarkus test
 * run restarting the application for a test profile loads everything again) is handed callbacks of the first
 * loader's classes, which Kafka's handler does not recognise: every login, its controller's included, failed and
 * the second broker never started ("waiting for the controller to acknowledge that we are caught up").
 */
public class PlainCredentials implements AuthenticateCallbackHandler {
    static final String PLAIN_AUTHENTICATE_CALLBACK =
            "org.apache.kafka.common.security.plain.PlainAuthenticateCallback";
    private final Map<String, String> passwords = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        for (AppConfigurationEntry entry : jaasConfigEntries) {
            entry.getOptions().forEach((key, value) -> {
                if (key.startsWith("user_")) {
                    passwords.put(key.substring("user_".length()), String.valueOf(value));
                }
            });
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String user = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                user = name.getDefaultName();
            } else if (callback.getClass().getName().equals(PLAIN_AUTHENTICATE_CALLBACK)) {
                try {
                    char[] password =
                            (char[]) callback.getClass().getMethod("password").invoke(callback);
                    callback.getClass()
                            .getMethod("authenticated", boolean.class)
                            .invoke(callback, matches(user, password));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read Kafka's PLAIN callback", e);
                }
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    boolean matches(String user, char[] password) {
        String expected = user == null ? null : passwords.get(user);
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        new String(password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
}
