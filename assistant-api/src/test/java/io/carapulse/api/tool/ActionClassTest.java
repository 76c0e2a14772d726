package io.carapulse.api.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S1/S2: which classes need an approval. */
class ActionClassTest {

    @Test
    void shouldTreatOnlyReadAsNotWriting() {
        assertThat(ActionClass.READ.writes()).isFalse();
        assertThat(ActionClass.WRITE.writes()).isTrue();
        assertThat(ActionClass.BREAK_GLASS.writes()).isTrue();
    }
}
