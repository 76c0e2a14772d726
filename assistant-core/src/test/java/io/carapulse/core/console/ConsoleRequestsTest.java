package io.carapulse.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.config.ConfigurationException;
import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a form post came from, where a sign-in may return to, and which proxies are believed. */
class ConsoleRequestsTest {

    private static ConsoleRequests requests(String publicUrl) {
        return new ConsoleRequests(null, new ConsoleConfiguration(publicUrl, Duration.ofMinutes(30), Duration.ofHours(12),
                Duration.ofMinutes(15), List.of()));
    }

    private static HttpRequest<?> post(String host, String header, String value) {
        HttpRequest<?> r = HttpRequest.POST("/plans/p/decision", "").header("Host", host);
        return header == null ? r : HttpRequest.POST("/plans/p/decision", "").header("Host", host).header(header, value);
    }

    @Test
    void shouldTellOwnPagesFromOtherSites() {
        ConsoleRequests plain = requests(null);
        assertThat(plain.crossSite(post("localhost:8080", "Origin", "http://localhost:8080"))).isFalse();
        assertThat(plain.crossSite(post("localhost:8080", "Referer", "http://localhost:8080/plans/p"))).isFalse();
        assertThat(plain.crossSite(post("localhost:8080", null, null))).as("no Origin: the CSRF token decides").isFalse();
        assertThat(plain.crossSite(post("localhost:8080", "Origin", "http://localhost:9090"))).isTrue();
        assertThat(plain.crossSite(post("localhost:8080", "Origin", "https://evil.example"))).isTrue();
        assertThat(plain.crossSite(post("localhost:8080", "Origin", "null"))).isTrue();

        // behind a proxy that rewrites Host, the public URL is ours too
        ConsoleRequests proxied = requests("https://carapulse.example.com");
        assertThat(proxied.crossSite(post("10.0.0.7:8080", "Origin", "https://carapulse.example.com"))).isFalse();
        assertThat(proxied.crossSite(post("10.0.0.7:8080", "Origin", "https://carapulse.example.com.evil.example"))).isTrue();
    }

    @Test
    void shouldReturnOnlyToPathsOnThisSite() {
        assertThat(ConsoleRequests.localPath("/plans/pln_1?done=approved")).isEqualTo("/plans/pln_1?done=approved");
        for (String away : new String[] {null, "", "//evil.example", "https://evil.example", "/\\evil.example",
                "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y", "relative"}) {
            assertThat(ConsoleRequests.localPath(away)).as(String.valueOf(away)).isEqualTo("/");
        }
    }

    @Test
    void shouldMatchProxiesByAddressAndRange() throws Exception {
        assertThat(AddressRange.parse("10.0.0.0/8").contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("192.168.1.128/25").contains(InetAddress.getByName("192.168.1.200"))).isTrue();
        assertThat(AddressRange.parse("192.168.1.128/25").contains(InetAddress.getByName("192.168.1.100"))).isFalse();
        assertThat(AddressRange.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(AddressRange.parse("::1").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThatThrownBy(() -> new ConsoleConfiguration(null, Duration.ofMinutes(30), Duration.ofHours(12),
                Duration.ofMinutes(15), List.of("proxy.internal"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.console.trusted-proxies").hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
