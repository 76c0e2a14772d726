package io.carapulse.core.approval;

import io.carapulse.api.auth.Role;
import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code carapulse.approvals.*}: the server's side of approval channels. Provider settings live in
 * {@code carapulse.approvals.linear} and {@code carapulse.approvals.pagerduty}; routing per environment.
 *
 * @param publicUrl        the address people reach the server at, for links in issues and pages
 *                         (e.g. {@code https://carapulse.example.com}); links are left out without it
 * @param dispatchInterval how often calls to channels (announcements, updates, decision checks) are made
 * @param pollInterval     how often channels people decide in (Linear) are polled for decisions, as a
 *                         fallback for webhooks that did not arrive
 * @param maxBackoff       the longest wait before a failing call is made again
 * @param webhookMaxBytes  the largest webhook body accepted
 * @param identities       email to Carapulse roles: who may decide through a channel that names people by
 *                         email (Linear). An email not listed here decides nothing
 */
@ConfigurationProperties("carapulse.approvals")
public record ApprovalsConfiguration(
        @Nullable URI publicUrl,
        @Bindable(defaultValue = "2s") Duration dispatchInterval,
        @Bindable(defaultValue = "60s") Duration pollInterval,
        @Bindable(defaultValue = "10m") Duration maxBackoff,
        @Bindable(defaultValue = "262144") int webhookMaxBytes,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
        Map<String, List<String>> identities) {

    public ApprovalsConfiguration {
        if (publicUrl != null && !"https".equals(publicUrl.getScheme()) && !"http".equals(publicUrl.getScheme())) {
            throw new ConfigurationException("carapulse.approvals.public-url must be an http(s) URL: " + publicUrl);
        }
        if (dispatchInterval == null || dispatchInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigurationException("carapulse.approvals.dispatch-interval must be at least 100ms");
        }
        if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigurationException("carapulse.approvals.poll-interval must be at least 100ms");
        }
        if (maxBackoff == null || maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException("carapulse.approvals.max-backoff must be at least 1s");
        }
        if (webhookMaxBytes < 1024 || webhookMaxBytes > 1024 * 1024) {
            throw new ConfigurationException("carapulse.approvals.webhook-max-bytes must be between 1024 and 1048576");
        }
        Map<String, List<String>> byEmail = new LinkedHashMap<>();
        if (identities != null) {
            identities.forEach((email, roles) -> {
                String key = "carapulse.approvals.identities." + email;
                if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new ConfigurationException(key + ": '" + email + "' is not an email address");
                }
                for (String role : roles) {
                    if (Role.fromConfig(role).isEmpty()) {
                        throw new ConfigurationException(key + ": unknown role '" + role
                                + "' (known: viewer, operator, approver, admin)");
                    }
                }
                byEmail.put(email.toLowerCase(Locale.ROOT), List.copyOf(roles));
            });
        }
        identities = Map.copyOf(byEmail);
    }

    /** The roles configured for {@code email}, empty when it is not listed. */
    public Set<Role> rolesOf(String email) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identities.getOrDefault(email.toLowerCase(Locale.ROOT), List.of())
                .forEach(r -> Role.fromConfig(r).ifPresent(roles::add));
        return roles;
    }

    /** Whether {@code email} is listed at all. */
    public boolean knows(String email) {
        return identities.containsKey(email.toLowerCase(Locale.ROOT));
    }

    /** {@code path} under the public URL, or null when no public URL is configured. */
    public URI link(String path) {
        return publicUrl == null ? null : URI.create(publicUrl.toString().replaceAll("/+$", "") + path);
    }
}
