package io.carapulse.tools.boundary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which role grants let a role's principals open sessions on target ttcp_1234567890 in p_1 (org o_1). */
class RoleGrantsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "{\"id\":\"ttcp_1234567890\",\"scope_id\":\"p_1\",\"scope\":{\"id\":\"p_1\","
            + "\"type\":\"project\",\"parent_scope_id\":\"o_1\"}}";

    @ParameterizedTest(name = "[{index}] role in {0}, scopes {1}, grant {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "p_1|this|ids=ttcp_1234567890;actions=authorize-session|true",
            "p_1|this|ids=ttcp_1234567890;actions=read|false",
            "p_1|this|ids=ttcp_0000000000;actions=authorize-session|false",
            "p_1|this|ids=*;type=target;actions=authorize-session,read|true",
            "p_1|this|ids=*;type=*;actions=*|true",
            "p_1|this|ids=*;type=session;actions=*|false",
            "p_1|this|id=ttcp_1234567890;actions=authorize-session|true",
            "p_1|this|{\"ids\":[\"ttcp_1234567890\"],\"actions\":[\"authorize-session\"]}|true",
            "o_1|children|ids=ttcp_1234567890;actions=authorize-session|true",
            "o_1|this|ids=ttcp_1234567890;actions=authorize-session|false",
            "o_2|children|ids=ttcp_1234567890;actions=authorize-session|false",
            "o_1|descendants|ids=ttcp_1234567890;actions=authorize-session|true",
            "global|descendants|ids=ttcp_1234567890;actions=authorize-session|true",
            "global|children|ids=ttcp_1234567890;actions=authorize-session|false",
            "o_1|p_1|ids=ttcp_1234567890;actions=authorize-session|true",
            "p_2|this|ids=ttcp_1234567890;actions=authorize-session|false"})
    void shouldJudgeWhetherARoleCoversTheTarget(String roleScope, String grantScope, String grant, boolean covers)
            throws Exception {
        String role = "{\"scope_id\":\"" + roleScope + "\",\"grant_scope_ids\":[\"" + grantScope + "\"],"
                + "\"grant_strings\":[" + JSON.writeValueAsString(grant) + "]}";

        assertThat(RoleGrants.cover(JSON.readTree(role), JSON.readTree(TARGET))).isEqualTo(covers);
    }

    @ParameterizedTest(name = "[{index}] grant_scope_id {0} -> {1}")
    @CsvSource({"p_1, true", "p_2, false"})
    void shouldReadTheSingleGrantScopeOfOlderControllers(String grantScopeId, boolean covers) throws Exception {
        JsonNode role = JSON.readTree("{\"scope_id\":\"o_1\",\"grant_scope_id\":\"" + grantScopeId + "\",\"grants\":"
                + "[{\"canonical\":\"ids=ttcp_1234567890;actions=authorize-session\"}]}");

        assertThat(RoleGrants.cover(role, JSON.readTree(TARGET))).isEqualTo(covers);
    }
}
