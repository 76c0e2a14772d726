package io.carapulse.llm.auth;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

/**
 * The second process of {@link ConcurrentRefreshTest}: waits for {@code GO} on stdin, asks for the
 * current credential of the store it is given, and prints a hash of the token it got (never the token).
 * Arguments: store path, token URL, the fixed "now" as an ISO instant.
 */
public final class RefreshInAnotherJvm {

    private RefreshInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        OAuthSettings settings = OAuthSettings.defaults().withTokenUrl(URI.create(args[1]));
        Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
        ProfileCredentialSource source = new ProfileCredentialSource(new ProfileStore(store),
                new ProfileSelector(AuthEnv.of(Map.of(), store.getParent())), new TokenRefresher(settings), clock);
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            System.exit(2);
        }
        try {
            System.out.println("RESULT " + sha256(source.current().accessToken()));
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage());
        }
        System.out.flush();
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
