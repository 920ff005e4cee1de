package io.tracker.local.jwt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prints a token for the local run: {@code TokenMain recorder|analyst [user] [hours]}. The signing key is
 * made on first use in $DATA_DIR/jwt (the run command does that before the services start).
 */
public final class TokenMain {
    private TokenMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("recorder", "analyst").contains(args[0])) {
            System.err.println("usage: token recorder|analyst [user] [hours]");
            System.exit(2);
        }
        String dataDir = System.getenv().getOrDefault("DATA_DIR", ".local-data");
        JwtKeys keys = JwtKeys.loadOrCreate(Path.of(dataDir, "jwt"));
        String user = args.length > 1 ? args[1] : "local-" + args[0];
        long hours = args.length > 2 ? Long.parseLong(args[2]) : 12;
        System.out.println(
                Tokens.mint(keys.privateKey(), Tokens.LOCAL_ISSUER, user, List.of(args[0]), Duration.ofHours(hours)));
    }
}
