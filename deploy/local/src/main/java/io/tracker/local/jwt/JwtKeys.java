package io.tracker.local.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local run's token signing key: an RSA key pair made on first start and kept in the data folder
 * ({@code jwt/private-key.pem}, readable by the owner only, and {@code jwt/public-key.pem} that the
 * services verify with). Never committed, never shipped: Kubernetes uses an OIDC issuer or a Secret.
 */
public final class JwtKeys {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private JwtKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static JwtKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new JwtKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the key pair from {@code dir}, making it first when it is not there. */
    public static JwtKeys loadOrCreate(Path dir) throws IOException {
        Path privatePem = dir.resolve("private-key.pem");
        Path publicPem = dir.resolve("public-key.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            return new JwtKeys(readPrivate(Files.readString(privatePem)), readPublic(Files.readString(publicPem)));
        }
        JwtKeys keys = generate();
        Files.createDirectories(dir);
        Files.writeString(privatePem, keys.privatePem());
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(publicPem, keys.publicPem());
        return keys;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String privatePem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public static PrivateKey readPrivate(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    static PublicKey readPublic(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM", e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
