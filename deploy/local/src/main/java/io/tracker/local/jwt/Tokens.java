package io.tracker.local.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Mints RS256 JSON Web Tokens (MicroProfile JWT: {@code upn} and {@code groups} carry the user and roles). */
public final class Tokens {
    public static final String LOCAL_ISSUER = "https://negotiation-tracker.local";

    private Tokens() {}

    public static String mint(PrivateKey key, String issuer, String user, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\",\"groups\":["
                + groups + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(ttl).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
