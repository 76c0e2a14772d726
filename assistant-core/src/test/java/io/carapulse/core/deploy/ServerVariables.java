package io.carapulse.core.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables the server reads, derived from its sources rather than kept as a list that
 * drifts: the {@code ${NAME...}} placeholders of its application*.yml (comments left out), the literal
 * reads of the process environment in the main sources of every module ({@code System.getenv("NAME")},
 * and {@code env.get("NAME")} where the environment is handed around as a map, as ServerDefaults does),
 * the variables bin/carapulse-server expands, and the few the JVM and Micronaut read themselves.
 */
final class ServerVariables {

    /**
     * Read by the JVM or by Micronaut before any Carapulse code runs, so no source names them:
     * JAVA_OPTS reaches the JVM through bin/carapulse-server, JAVA_TOOL_OPTIONS the JVM itself,
     * MICRONAUT_CONFIG_FILES and MICRONAUT_ENVIRONMENTS Micronaut's environment.
     */
    static final Set<String> JVM_AND_MICRONAUT =
            Set.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "MICRONAUT_CONFIG_FILES", "MICRONAUT_ENVIRONMENTS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern JAVA_READ =
            Pattern.compile("(?:System\\.getenv|\\benv\\.get)\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern SHELL_EXPANSION = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");

    private ServerVariables() {
    }

    static Set<String> all() {
        Path root = Repository.root();
        Set<String> names = new TreeSet<>(JVM_AND_MICRONAUT);
        names.addAll(placeholders(root));
        names.addAll(javaReads(root));
        names.addAll(launcher(root));
        return names;
    }

    /** {@code ${NAME:default}} and {@code ${NAME}} in the server's application*.yml, outside comments. */
    static Set<String> placeholders(Path root) {
        Set<String> names = new TreeSet<>();
        for (Path yml : files(root.resolve("assistant-core/src/main/resources"), 1)) {
            String file = yml.getFileName().toString();
            if (file.startsWith("application") && (file.endsWith(".yml") || file.endsWith(".yaml"))) {
                for (String line : lines(yml)) {
                    matches(PLACEHOLDER, withoutComment(line), names);
                }
            }
        }
        return names;
    }

    /** Literal environment reads in src/main/java of every module of the reactor. */
    static Set<String> javaReads(Path root) {
        Set<String> names = new TreeSet<>();
        Matcher modules = MODULE.matcher(Repository.read("pom.xml"));
        while (modules.find()) {
            Path sources = root.resolve(modules.group(1)).resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                for (Path java : files(sources, Integer.MAX_VALUE)) {
                    if (java.toString().endsWith(".java")) {
                        matches(JAVA_READ, String.join("\n", lines(java)), names);
                    }
                }
            }
        }
        return names;
    }

    /** Variables bin/carapulse-server expands ({@code $NAME}, {@code ${NAME:-…}}), outside comments. */
    static Set<String> launcher(Path root) {
        Set<String> names = new TreeSet<>();
        for (String line : lines(root.resolve("bin/carapulse-server"))) {
            if (!line.stripLeading().startsWith("#")) {
                matches(SHELL_EXPANSION, line, names);
            }
        }
        return names;
    }

    private static String withoutComment(String yamlLine) {
        int hash = yamlLine.indexOf('#');
        return hash < 0 || (hash > 0 && !Character.isWhitespace(yamlLine.charAt(hash - 1)))
                ? yamlLine : yamlLine.substring(0, hash);
    }

    private static void matches(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir, int depth) {
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.filter(p -> !p.equals(dir)).filter(p -> !p.toString().contains("/target/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
