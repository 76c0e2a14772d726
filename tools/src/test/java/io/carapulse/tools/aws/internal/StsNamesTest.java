package io.carapulse.tools.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Carapulse's names fit STS's rules, and two different originals never end up the same. */
class StsNamesTest {

    private static final String NAME_RULE = "[\\w+=,.@-]{2,64}";

    @Test
    void shouldKeepASessionNameThatAlreadyFits() {
        assertThat(StsNames.sessionName("0f8e2c1a-6b7d-4e5f-9a0b-1c2d3e4f5a6b", 12))
                .isEqualTo("carapulse-0f8e2c1a-6b7d-4e5f-9a0b-1c2d3e4f5a6b-12");
    }

    @Test
    void shouldCutALongSessionNameTo64KeepingItUnique() {
        String execution = "e".repeat(80);
        String a = StsNames.sessionName(execution, 1);
        String b = StsNames.sessionName(execution, 2);

        assertThat(a).hasSize(64).matches(NAME_RULE).startsWith("carapulse-eee");
        assertThat(b).hasSize(64).matches(NAME_RULE);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void shouldReplaceRefusedCharactersAndMarkTheChangeWithAHash() {
        String sub = StsNames.sourceIdentity("auth0|5f7c8ec7c33c6c004bbafe82");
        String other = StsNames.sourceIdentity("auth0_5f7c8ec7c33c6c004bbafe82");

        assertThat(sub).matches(NAME_RULE).startsWith("auth0_5f7c8ec7c33c6c004bbafe82-");
        assertThat(other).isEqualTo("auth0_5f7c8ec7c33c6c004bbafe82");
        assertThat(sub).isNotEqualTo(other);
    }

    @Test
    void shouldKeepAnEmailAsSourceIdentityAndLengthenATooShortOne() {
        assertThat(StsNames.sourceIdentity("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(StsNames.sourceIdentity("a")).matches(NAME_RULE).startsWith("a-");
        assertThat(StsNames.sourceIdentity("Zoë Müller")).matches(NAME_RULE).startsWith("Zo__M_ller-");
    }

    @Test
    void shouldLetTagValuesKeepLettersAndSpacesButNotOtherSymbols() {
        assertThat(StsNames.tagValue("Zoë Müller")).isEqualTo("Zoë Müller");
        assertThat(StsNames.tagValue("plan-42")).isEqualTo("plan-42");
        assertThat(StsNames.tagValue("a;b")).startsWith("a_b-").matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");
        assertThat(StsNames.tagValue("x".repeat(300))).hasSize(256);
        // a surrogate pair is never cut in half
        assertThat(StsNames.tagValue("𝔸".repeat(200))).hasSizeLessThanOrEqualTo(256)
                .doesNotContain("\uFFFD").matches("(\\p{L}|[-0-9a-f])+");
    }
}
