package io.carapulse.core.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's single sign-on against a real Keycloak (opt-in: {@code -Pkeycloak}, see docs/console.md):
 * a realm with a confidential client for the console, a {@code groups} claim and a person in the
 * approvers group; the person signs in on Keycloak's own login page in chromium, lands in the console
 * with the approver role from their group, and signs out at Keycloak too.
 */
class KeycloakConsoleIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path home;
    private static Process keycloak;
    private static PackagedServer server;
    private static Playwright playwright;
    private static Browser browser;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        Path dist = Path.of(System.getProperty("carapulse.keycloak.home", ""));
        assertThat(dist.resolve("bin/kc.sh")).as("run with -Pkeycloak, which unpacks Keycloak").isExecutable();
        Path jdk = TestMachine.jdk(21).orElseThrow(() -> new AssertionError("Keycloak 26 needs a JDK 21+ under /usr/lib/jvm"));
        home = Files.createTempDirectory("carapulse-keycloak");
        server = new PackagedServer(home);
        int kcPort = freePort();
        issuer = "http://127.0.0.1:" + kcPort + "/realms/carapulse";

        Path imports = dist.resolve("data/import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve("carapulse-realm.json"), realm(server.base()));
        ProcessBuilder kc = new ProcessBuilder(dist.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + kcPort, "--hostname-strict=false")
                .redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
        kc.environment().put("JAVA_HOME", jdk.toString());
        keycloak = kc.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!discoverable()) {
            assertThat(keycloak.isAlive()).as("Keycloak stopped:%n%s", Files.readString(home.resolve("keycloak.log"))).isTrue();
            assertThat(System.nanoTime()).as("Keycloak did not start in 4 minutes").isLessThan(deadline);
            Thread.sleep(1000);
        }

        Path config = home.resolve("keycloak.yml");
        Files.writeString(config, String.join("\n",
                "carapulse:",
                "  auth:",
                "    oidc:",
                "      issuer: " + issuer,
                "      audience: carapulse-api",
                "      role-mapping:",
                "        approvers: [approver]",
                "  console:",
                "    oidc:",
                "      enabled: true",
                "      client-id: carapulse-console",
                "      client-secret: console-secret", ""));
        server.start(Map.of("MICRONAUT_CONFIG_FILES", config.toString()));
        playwright = TestMachine.playwright();
        browser = TestMachine.chromium(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
        if (keycloak != null) {
            keycloak.destroy();
            keycloak.waitFor();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldSignInOnKeycloaksPageWithRolesFromGroupsAndSignOutThere() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(server.base() + "/login");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with single sign-on")).click();
            page.waitForURL(issuer + "/protocol/openid-connect/auth**");
            page.locator("#username").fill("alice");
            page.locator("#password").fill("alice-password");
            page.locator("#kc-login").click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting for your decision"))).isVisible();
            assertThat(page.locator("header .who")).containsText("alice@example.com");
            assertThat(page.locator("header .who")).containsText("approver");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL(url -> url.startsWith(issuer + "/protocol/openid-connect/logout")
                    || url.startsWith(server.base() + "/login"));
            if (page.url().startsWith(issuer)) {
                page.locator("#kc-logout").click(); // Keycloak asks to confirm a logout without an ID token hint
            }
            page.waitForURL(server.base() + "/login**");
            page.navigate(server.base() + "/");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?next=%2F"));
        }
    }

    private static String realm(String console) {
        return """
                {"realm": "carapulse", "enabled": true,
                 "groups": [{"name": "approvers"}],
                 "users": [{"username": "alice", "enabled": true, "email": "alice@example.com", "emailVerified": true,
                            "firstName": "Alice", "lastName": "Approver",
                            "credentials": [{"type": "password", "value": "alice-password", "temporary": false}],
                            "groups": ["/approvers"]}],
                 "clients": [{"clientId": "carapulse-console", "enabled": true, "protocol": "openid-connect",
                              "publicClient": false, "secret": "console-secret", "standardFlowEnabled": true,
                              "redirectUris": ["%1$s/oauth/callback/carapulse"],
                              "attributes": {"post.logout.redirect.uris": "%1$s/login", "pkce.code.challenge.method": "S256"},
                              "protocolMappers": [{"name": "groups", "protocol": "openid-connect",
                                  "protocolMapper": "oidc-group-membership-mapper",
                                  "config": {"claim.name": "groups", "full.path": "false", "id.token.claim": "true",
                                             "access.token.claim": "true", "userinfo.token.claim": "true"}}]}]}
                """.formatted(console);
    }

    private static boolean discoverable() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
