package io.carapulse.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one textual form fingerprints and the audit chain hash. */
class JsonTest {

    @Test
    void shouldSortObjectKeysAtEveryDepth() {
        String canonical = Json.canonical(Json.read("{\"b\":1,\"a\":{\"z\":true,\"m\":{\"y\":1,\"x\":2}}}"));

        assertThat(canonical).isEqualTo("{\"a\":{\"m\":{\"x\":2,\"y\":1},\"z\":true},\"b\":1}");
    }

    @Test
    void shouldKeepArrayOrderWhileSortingObjectsInsideArrays() {
        String canonical = Json.canonical(Json.read("{\"list\":[3,1,2,{\"b\":0,\"a\":0}]}"));

        assertThat(canonical).isEqualTo("{\"list\":[3,1,2,{\"a\":0,\"b\":0}]}");
    }

    @Test
    void shouldGiveTheSameTextForObjectsThatDifferOnlyInKeyOrderAndWhitespace() {
        assertThat(Json.canonical(Json.read("{ \"x\" : [ 1 , 2 ], \"w\" : \"v\" }")))
                .isEqualTo(Json.canonical(Json.read("{\"w\":\"v\",\"x\":[1,2]}")));
    }

    @Test
    void shouldWriteNullAsJsonNull() {
        assertThat(Json.canonical(null)).isEqualTo("null");
    }

    @Test
    void shouldHashUtf8AsLowerCaseHexSha256() {
        assertThat(Json.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Json.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
