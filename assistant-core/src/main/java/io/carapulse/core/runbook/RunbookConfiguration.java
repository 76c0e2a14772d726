package io.carapulse.core.runbook;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code carapulse.runbooks}: where runbook files live and how often they are read again.
 *
 * @param directories    directories whose {@code *.yaml}/{@code *.yml} files are runbooks (GitOps: a
 *                       checkout of the repository that holds them); none by default
 * @param reloadInterval how often the directories are read again, 1s to 1h (default 10s)
 */
@ConfigurationProperties("carapulse.runbooks")
public record RunbookConfiguration(
        @Nullable List<String> directories,
        @Bindable(defaultValue = "10s") Duration reloadInterval) {

    public RunbookConfiguration {
        directories = directories == null ? List.of() : List.copyOf(directories);
        for (String d : directories) {
            if (d.isBlank() || !Path.of(d).isAbsolute()) {
                throw new ConfigurationException("carapulse.runbooks.directories: '" + d
                        + "' is not an absolute path; write the directory as /path/to/runbooks");
            }
        }
        if (reloadInterval.compareTo(Duration.ofSeconds(1)) < 0 || reloadInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException("carapulse.runbooks.reload-interval: must be from 1s to 1h, not "
                    + reloadInterval);
        }
    }

    public List<Path> paths() {
        return directories.stream().map(Path::of).toList();
    }
}
