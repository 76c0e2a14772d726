package io.carapulse.core.console;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code carapulse.console.*}: the web console's sessions (docs/console.md). Checked when the server starts.
 *
 * @param publicUrl       where people reach this server (scheme, host, port), for the sign-in links it
 *                        prints and hands out; unset: {@code http://localhost:<port>}
 * @param idleTimeout     a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 * @param linkTtl         how long a one-time sign-in link works (at most once)
 * @param trustedProxies  addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-Proto} is
 *                        believed (the cookie is then {@code Secure} behind HTTPS); nobody's by default
 */
@ConfigurationProperties("carapulse.console")
public record ConsoleConfiguration(
        @Nullable String publicUrl,
        @Bindable(defaultValue = "30m") Duration idleTimeout,
        @Bindable(defaultValue = "12h") Duration absoluteTimeout,
        @Bindable(defaultValue = "15m") Duration linkTtl,
        @Nullable List<String> trustedProxies) {

    public ConsoleConfiguration {
        if (publicUrl != null && !publicUrl.isBlank()) {
            URI uri;
            try {
                uri = URI.create(publicUrl);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("carapulse.console.public-url is not a URL: " + publicUrl);
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException("carapulse.console.public-url must be an http(s) URL such as"
                        + " https://carapulse.example.com: " + publicUrl);
            }
            publicUrl = publicUrl.replaceAll("/+$", "");
        } else {
            publicUrl = null;
        }
        between("idle-timeout", idleTimeout, Duration.ofMinutes(1), Duration.ofDays(1));
        between("absolute-timeout", absoluteTimeout, Duration.ofMinutes(5), Duration.ofDays(30));
        between("link-ttl", linkTtl, Duration.ofSeconds(30), Duration.ofDays(1));
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        trustedProxies.forEach(p -> {
            try {
                AddressRange.parse(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("carapulse.console.trusted-proxies: " + e.getMessage());
            }
        });
    }

    private static void between(String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigurationException("carapulse.console." + name + " must be between "
                    + human(min) + " and " + human(max) + " (e.g. 30m, 12h)");
        }
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
