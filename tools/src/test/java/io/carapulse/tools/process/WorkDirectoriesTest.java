package io.carapulse.tools.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Working directories made ahead are fresh, used once, replaced when gone, and removed on close. */
class WorkDirectoriesTest {

    private final List<PrivateDirectory> made = new CopyOnWriteArrayList<>();
    // the next directory is made at once on the calling thread, so the test sees it
    private final WorkDirectories dirs = new WorkDirectories(Runnable::run, () -> {
        PrivateDirectory d = PrivateDirectory.create("carapulse-workdirs-test-");
        made.add(d);
        return d;
    });

    @AfterEach
    void cleanUp() {
        dirs.close();
        made.forEach(PrivateDirectory::close);
    }

    @Test
    void shouldHandOutADifferentOwnerOnlyEmptyDirectoryEachTime() throws Exception {
        PrivateDirectory first = dirs.take();
        PrivateDirectory second = dirs.take();

        assertThat(second.path()).isNotEqualTo(first.path());
        for (PrivateDirectory d : List.of(first, second)) {
            assertThat(d.path()).isEmptyDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.path()))).isEqualTo("rwx------");
        }
    }

    @Test
    void shouldNotHandOutADirectoryThatWasRemovedWhileItWaited() throws Exception {
        Path waiting = madeAhead(dirs.take());
        Files.delete(waiting);

        PrivateDirectory taken = dirs.take();

        assertThat(taken.path()).isNotEqualTo(waiting).isDirectory();
    }

    @Test
    void shouldRemoveWhatItMadeAheadWhenClosed() {
        PrivateDirectory taken = dirs.take();
        Path ahead = madeAhead(taken);
        assertThat(ahead).isDirectory();

        dirs.close();

        assertThat(ahead).doesNotExist();
        assertThat(taken.path()).isDirectory();
        assertThat(dirs.take().path()).isDirectory();
    }

    /** The one directory made but not taken. */
    private Path madeAhead(PrivateDirectory taken) {
        List<Path> waiting = made.stream().map(PrivateDirectory::path)
                .filter(p -> !p.equals(taken.path()) && Files.isDirectory(p)).toList();
        assertThat(waiting).hasSize(1);
        return waiting.get(0);
    }
}
