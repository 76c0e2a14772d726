package io.carapulse.tools.aws;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One entry of {@code aws.accounts}; see {@link AwsInventoryValidation}. */
final class AwsAccountValidation {

    static final Set<String> ACCOUNT_KEYS = Set.of("name", "account-id", "role-arn", "external-id", "regions",
            "session-duration", "endpoint-url");

    /** An account name as steps use it: a DNS label. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    /** An IAM role ARN, with an optional path; group 1 is the partition, group 2 the account id. */
    static final Pattern ROLE_ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::([0-9]{12}):role/"
                    + "(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    /** A region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, … */
    static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-(?:gov|iso[a-z]?))?-[a-z]+-[0-9]{1,2}");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})\\s*(s|m|h)?");
    private static final Duration MIN_DURATION = Duration.ofMinutes(15);
    private static final Duration MAX_DURATION = Duration.ofHours(12);

    private AwsAccountValidation() {
    }

    static Optional<AwsAccount> account(String key, Object raw, Set<String> names, List<String> problems) {
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(key + ": must be a map of " + ACCOUNT_KEYS.stream().sorted().toList());
            return Optional.empty();
        }
        int before = problems.size();
        RawSection a = RawSection.of(key, raw, ACCOUNT_KEYS, problems);
        Optional<String> name = a.string("name");
        if (name.isEmpty()) {
            problems.add(a.key("name") + ": an account needs a name, used by steps, e.g. prod");
        } else if (!NAME.matcher(name.get()).matches()) {
            problems.add(a.key("name") + ": " + RawSection.shown(name.get())
                    + " is not a valid name (lower-case letters, digits, '-'; at most 63)");
        } else if (!names.add(name.get())) {
            problems.add(a.key("name") + ": the account name '" + name.get() + "' is declared twice");
        }
        Optional<String> accountId = accountId(a, problems);
        Optional<String> roleArn = roleArn(a, accountId, problems);
        Optional<SecretRef> externalId = externalId(a, problems);
        List<String> regions = regions(a, roleArn.map(r -> r.split(":", 3)[1]), problems);
        Duration duration = sessionDuration(a, problems);
        Optional<URI> endpoint = a.string("endpoint-url").flatMap(u -> endpointUrl(a.key("endpoint-url"), u, problems));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AwsAccount(name.orElseThrow(), accountId.orElseThrow(), roleArn.orElseThrow(),
                externalId, regions, duration, endpoint));
    }

    private static Optional<String> accountId(RawSection a, List<String> problems) {
        Object raw = a.raw("account-id");
        Optional<String> id = a.string("account-id");
        if (id.isEmpty()) {
            problems.add(a.key("account-id") + ": an account needs its 12-digit account id, e.g. \"123456789012\"");
            return Optional.empty();
        }
        if (!ACCOUNT_ID.matcher(id.get()).matches()) {
            String hint = raw instanceof Number && id.get().matches("[0-9]{1,11}")
                    ? "; write it in quotes (\"0…\") so its leading zeros are kept" : "";
            problems.add(a.key("account-id") + ": " + RawSection.shown(id.get()) + " is not a 12-digit account id" + hint);
            return Optional.empty();
        }
        return id;
    }

    private static Optional<String> roleArn(RawSection a, Optional<String> accountId, List<String> problems) {
        Optional<String> arn = a.string("role-arn");
        if (arn.isEmpty()) {
            problems.add(a.key("role-arn") + ": an account needs the role the server assumes in it, e.g. "
                    + "arn:aws:iam::123456789012:role/carapulse");
            return Optional.empty();
        }
        Matcher m = ROLE_ARN.matcher(arn.get());
        if (!m.matches()) {
            problems.add(a.key("role-arn") + ": " + RawSection.shown(arn.get()) + " is not an IAM role ARN, e.g. "
                    + "arn:aws:iam::123456789012:role/carapulse");
            return Optional.empty();
        }
        if (accountId.isPresent() && !accountId.get().equals(m.group(2))) {
            problems.add(a.key("role-arn") + ": the role is in account " + m.group(2) + ", not in account-id "
                    + accountId.get());
            return Optional.empty();
        }
        return arn;
    }

    private static Optional<SecretRef> externalId(RawSection a, List<String> problems) {
        Optional<String> text = a.string("external-id");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(a.key("external-id"), text.get()));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static List<String> regions(RawSection a, Optional<String> partition, List<String> problems) {
        List<String> regions = a.strings("regions");
        if (regions.isEmpty() && a.raw("regions") == null) {
            problems.add(a.key("regions") + ": an account needs the regions steps may act in, e.g. [eu-west-1]");
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            String key = a.key("regions") + "[" + i + "]";
            if (!REGION.matcher(region).matches()) {
                problems.add(key + ": " + RawSection.shown(region) + " is not an AWS region name, e.g. eu-west-1");
            } else if (!seen.add(region)) {
                problems.add(key + ": the region '" + region + "' is listed twice");
            } else {
                regionPartition(region).filter(p -> partition.isPresent() && !p.equals(partition.get()))
                        .ifPresent(p -> problems.add(key + ": the region '" + region + "' is in partition " + p
                                + ", the role-arn in " + partition.get()));
            }
        }
        if (regions.isEmpty() && !(a.raw("regions") instanceof Map<?, ?>)) {
            problems.add(a.key("regions") + ": lists no region; declare at least one, e.g. [eu-west-1]");
        }
        return new ArrayList<>(seen);
    }

    /** The partition of a commercial, China or GovCloud region; empty for the isolated ones. */
    private static Optional<String> regionPartition(String region) {
        if (region.startsWith("cn-")) {
            return Optional.of("aws-cn");
        }
        if (region.startsWith("us-gov-")) {
            return Optional.of("aws-us-gov");
        }
        return region.contains("-iso") ? Optional.empty() : Optional.of("aws");
    }

    private static Duration sessionDuration(RawSection a, List<String> problems) {
        Optional<String> text = a.string("session-duration");
        if (text.isEmpty()) {
            return AwsAccount.DEFAULT_SESSION_DURATION;
        }
        String key = a.key("session-duration");
        Optional<Duration> duration = parseDuration(text.get());
        if (duration.isEmpty()) {
            problems.add(key + ": " + RawSection.shown(text.get()) + " is not a duration, e.g. 1h, 45m or 3600s");
            return AwsAccount.DEFAULT_SESSION_DURATION;
        }
        Duration d = duration.get();
        if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0 || d.toMillis() % 1000 != 0) {
            problems.add(key + ": " + RawSection.shown(text.get()) + " is outside what STS grants: whole seconds "
                    + "from 15m (900 s) to 12h (43200 s)");
        }
        return d;
    }

    /** {@code 3600}, {@code 3600s}, {@code 45m}, {@code 1h} or ISO-8601 ({@code PT1H}). */
    static Optional<Duration> parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return Optional.of(switch (unit) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * An endpoint for every AWS API of the account: {@code https://host[:port][/path]}, or {@code http://}
     * to the loopback interface only (a session token travels in a header).
     */
    private static Optional<URI> endpointUrl(String key, String text, List<String> problems) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
                problems.add(key + ": must be an https:// URL, e.g. https://proxy.internal:8443");
            } else if (uri.getRawUserInfo() != null) {
                problems.add(key + ": must not carry credentials");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(key + ": must not have a query or a fragment");
            } else if ("http".equals(scheme) && !loopback(uri.getHost())) {
                problems.add(key + ": the session token would travel in clear text over http://; use https:// "
                        + "(http:// is accepted for localhost only)");
            } else {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            problems.add(key + ": not a URL: " + e.getReason());
        }
        return Optional.empty();
    }

    private static boolean loopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
