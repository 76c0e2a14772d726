package io.carapulse.tools.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.tools.git.GitBlob;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A local GitHub for tests: one WireMock answering GitHub's REST API v3 under {@code /api/v3} (the prefix
 * {@code gh} uses for an Enterprise host, so the real {@code gh} and GitHub API for Java are served by the
 * same stubs), in the shapes of GitHub's answers (the OpenAPI description's examples of
 * {@code github/rest-api-description}: repository, branch-with-protection, content-file, content-symlink,
 * content-submodule, git-tree, commit, pull-request, check-run, status, git-ref, short-blob, git-commit,
 * workflow, workflow-run, issue-comment, pull-request-merge-result, installation-token; and GitHub's error
 * bodies {@code {message, documentation_url, status}}). Every stub requires the token in
 * {@code Authorization}. Optionally also HTTPS with a certificate for 127.0.0.1 ({@link GitHubTls}).
 */
public final class GitHubStubs implements AutoCloseable {

    public static final String PREFIX = "/api/v3";
    public static final String REPO = "acme/web";
    public static final String R = PREFIX + "/repos/" + REPO;
    /** The token of the test environment: a canary that must never surface (no GitHub token shape on purpose). */
    public static final String TOKEN = "canary-github-token-5f2e9a7c41d3";
    /** The base branch's head and its tree (GitHub's documentation examples' SHAs). */
    public static final String BASE_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    public static final String BASE_TREE = "9fb037999f264ba9a7fc6274d15fa3ae2ab98312";
    public static final String NEW_TREE = "cd8274d15fa3ae2ab983129fb037999f264ba9a7";
    public static final String NEW_COMMIT = "7638417db6d59f3c431d3e1f261cc637155684cd";
    public static final String HEAD_SHA = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
    public static final String MERGE_SHA = "d8a6cc2f4a2f8c5c8f0b6c7d1f8e9a0b1c2d3e4f";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer server;
    private final String token;

    public GitHubStubs() {
        this(null, TOKEN);
    }

    /** With HTTPS as well when {@code tls} is given. */
    public GitHubStubs(GitHubTls tls, String token) {
        WireMockConfiguration config = options().dynamicPort().bindAddress("127.0.0.1");
        if (tls != null) {
            config = config.httpsPort(0).keystorePath(tls.keystore().toString()).keystorePassword(GitHubTls.PASSWORD)
                    .keyManagerPassword(GitHubTls.PASSWORD).keystoreType("PKCS12");
        }
        this.server = new WireMockServer(config);
        this.token = token;
        server.start();
        // anything not stubbed is GitHub's 404, so a request the test did not expect fails the call
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(error(404, "Not Found", "https://docs.github.com/rest")));
    }

    /** The API URL of the SDK path: http://127.0.0.1:port/api/v3. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + PREFIX);
    }

    /** {@code GH_HOST} for the real gh: 127.0.0.1:httpsPort. */
    public String httpsHost() {
        return "127.0.0.1:" + server.httpsPort();
    }

    public WireMockServer server() {
        return server;
    }

    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    /** Requests that change something (anything but GET). */
    public List<LoggedRequest> writes() {
        return requests().stream().filter(r -> !r.getMethod().getName().equals("GET")).toList();
    }

    public void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(error(404, "Not Found", "https://docs.github.com/rest")));
    }

    @Override
    public void close() {
        server.stop();
    }

    private MappingBuilder auth(MappingBuilder m) {
        return token == null ? m : m.withHeader("Authorization", equalTo("token " + token));
    }

    public void stub(MappingBuilder m) {
        server.stubFor(auth(m).atPriority(5));
    }

    public static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json").withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", "4987").withHeader("X-RateLimit-Resource", "core")
                .withBody(body.toString());
    }

    public static ResponseDefinitionBuilder error(int status, String message, String documentation) {
        return json(status, object().put("message", message).put("documentation_url", documentation)
                .put("status", String.valueOf(status)));
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + PREFIX + path;
    }

    public ObjectNode user(String login) {
        return object().put("login", login).put("id", 583231).put("node_id", "MDQ6VXNlcjU4MzIzMQ==")
                .put("avatar_url", "https://avatars.githubusercontent.com/u/583231?v=4").put("url", url("/users/" + login))
                .put("html_url", "https://github.com/" + login).put("type", "User").put("site_admin", false);
    }

    public ObjectNode repository() {
        ObjectNode r = object().put("id", 1296269).put("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5").put("name", "web")
                .put("full_name", REPO).put("private", false).put("html_url", "https://github.com/" + REPO)
                .put("description", "The web app").put("fork", false).put("url", url("/repos/" + REPO))
                .put("default_branch", "main").put("visibility", "public");
        r.set("owner", user("acme").put("type", "Organization"));
        r.set("permissions", object().put("admin", false).put("push", true).put("pull", true));
        return r;
    }

    /** {@code GET /repos/acme/web} (GitHub API for Java reads it first). */
    public void repo() {
        stub(get(urlPathEqualTo(R)).willReturn(json(200, repository())));
    }

    /** {@code GET /repos/acme/web/branches/{name}}: branch-with-protection, its head {@code sha} on {@code tree}. */
    public void branch(String name, String sha, String tree) {
        ObjectNode commit = object().put("sha", sha).put("node_id", "MDY6Q29tbWl0").put("url", url("/repos/" + REPO
                + "/commits/" + sha)).put("html_url", "https://github.com/" + REPO + "/commit/" + sha);
        ObjectNode inner = commit.putObject("commit");
        inner.set("author", object().put("name", "The Octocat").put("email", "octocat@github.com")
                .put("date", "2024-05-01T12:00:00Z"));
        inner.put("message", "Bump web to 1.4.0");
        inner.set("tree", object().put("sha", tree).put("url", url("/repos/" + REPO + "/git/trees/" + tree)));
        commit.putArray("parents").addObject().put("sha", "553c2077f0edc3d5dc5d17262f6aa498e69d6f8e");
        ObjectNode b = object().put("name", name);
        b.set("commit", commit);
        b.set("_links", object().put("self", url("/repos/" + REPO + "/branches/" + name))
                .put("html", "https://github.com/" + REPO + "/tree/" + name));
        b.put("protected", false).put("protection_url", url("/repos/" + REPO + "/branches/" + name + "/protection"));
        stub(get(urlPathEqualTo(R + "/branches/" + name)).willReturn(json(200, b)));
    }

    public void noBranch(String name) {
        stub(get(urlPathEqualTo(R + "/branches/" + name)).willReturn(error(404, "Branch not found",
                "https://docs.github.com/rest/branches/branches#get-a-branch")));
    }

    /** {@code GET /repos/acme/web/contents/{path}?ref}: content-file, base64 in lines of 60 as GitHub sends it. */
    public void file(String path, String ref, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = GitBlob.sha1(bytes);
        String b64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n";
        ObjectNode c = contentOf("file", path, sha, bytes.length).put("encoding", "base64").put("content", b64);
        contents(path, ref, json(200, c));
    }

    /** A file whose answer claims {@code size} bytes without content (GitHub's answer for files over 1 MB). */
    public void bigFile(String path, String ref, long size) {
        contents(path, ref, json(200, contentOf("file", path, "3d21ec53a331a6f037a91c368710b99387d012c1", size)
                .put("encoding", "none").put("content", "")));
    }

    /** A file whose answer claims another path: a symlink GitHub followed to its target. */
    public void followedSymlink(String path, String ref, String target, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ObjectNode c = contentOf("file", target, GitBlob.sha1(bytes), bytes.length).put("encoding", "base64")
                .put("content", Base64.getEncoder().encodeToString(bytes));
        contents(path, ref, json(200, c));
    }

    public void symlink(String path, String ref) {
        contents(path, ref, json(200, contentOf("symlink", path, "452a98979c88e093d682cab404a3ec82babebb48", 23)
                .put("target", "/etc/passwd")));
    }

    public void submodule(String path, String ref) {
        contents(path, ref, json(200, contentOf("submodule", path, "6ca3721222109997540bd6d9ccd396902e0ad2f9", 0)
                .put("submodule_git_url", "git://github.com/jquery/qunit.git")));
    }

    public void directory(String path, String ref) {
        ArrayNode list = array();
        list.add(contentOf("file", path + "/web.yaml", "93a078d1c3f76aa1ca11def8f882a06df1d4a01b", 13));
        contents(path, ref, json(200, list));
    }

    public void absent(String path, String ref) {
        contents(path, ref, error(404, "Not Found", "https://docs.github.com/rest/repos/contents#get-repository-content"));
    }

    private void contents(String path, String ref, ResponseDefinitionBuilder answer) {
        MappingBuilder m = get(urlPathEqualTo(R + "/contents/" + path));
        if (ref != null) {
            m = m.withQueryParam("ref", equalTo(ref));
        }
        stub(m.willReturn(answer));
    }

    private ObjectNode contentOf(String type, String path, String sha, long size) {
        ObjectNode c = object().put("type", type).put("size", size).put("name", path.substring(path.lastIndexOf('/') + 1))
                .put("path", path).put("sha", sha).put("url", url("/repos/" + REPO + "/contents/" + path + "?ref=main"))
                .put("git_url", url("/repos/" + REPO + "/git/blobs/" + sha))
                .put("html_url", "https://github.com/" + REPO + "/blob/main/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + REPO + "/main/" + path);
        c.set("_links", object().put("git", url("/repos/" + REPO + "/git/blobs/" + sha))
                .put("self", url("/repos/" + REPO + "/contents/" + path)).put("html", "https://github.com/" + REPO
                        + "/blob/main/" + path));
        return c;
    }

    /** {@code GET /repos/acme/web/commits/{sha}}: commit, its tree {@code tree}. */
    public void commit(String sha, String tree) {
        ObjectNode c = object().put("url", url("/repos/" + REPO + "/commits/" + sha)).put("sha", sha)
                .put("node_id", "MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==")
                .put("html_url", "https://github.com/" + REPO + "/commit/" + sha);
        ObjectNode inner = c.putObject("commit").put("url", url("/repos/" + REPO + "/git/commits/" + sha));
        inner.set("author", object().put("name", "Monalisa Octocat").put("email", "support@github.com")
                .put("date", "2024-05-01T12:00:00Z"));
        inner.set("committer", object().put("name", "Monalisa Octocat").put("email", "support@github.com")
                .put("date", "2024-05-01T12:00:00Z"));
        inner.put("message", "Bump web to 1.4.0").put("comment_count", 0);
        inner.set("tree", object().put("url", url("/repos/" + REPO + "/tree/" + tree)).put("sha", tree));
        c.set("author", user("octocat"));
        c.set("committer", user("octocat"));
        c.putArray("parents").addObject().put("url", url("/repos/" + REPO + "/commits/553c2077")).put("sha",
                "553c2077f0edc3d5dc5d17262f6aa498e69d6f8e");
        c.set("stats", object().put("additions", 1).put("deletions", 1).put("total", 2));
        c.putArray("files");
        stub(get(urlPathEqualTo(R + "/commits/" + sha)).willReturn(json(200, c)));
    }

    /** {@code GET /repos/acme/web/git/trees/{sha}}: git-tree; entries as path:mode:type:sha. */
    public void tree(String sha, String... entries) {
        ObjectNode t = object().put("sha", sha).put("url", url("/repos/" + REPO + "/git/trees/" + sha));
        ArrayNode list = t.putArray("tree");
        for (String e : entries) {
            String[] p = e.split(":");
            ObjectNode entry = list.addObject().put("path", p[0]).put("mode", p[1]).put("type", p[2]).put("sha", p[3])
                    .put("url", url("/repos/" + REPO + "/git/" + ("tree".equals(p[2]) ? "trees/" : "blobs/") + p[3]));
            if ("blob".equals(p[2])) {
                entry.put("size", 30);
            }
        }
        t.put("truncated", false);
        stub(get(urlPathEqualTo(R + "/git/trees/" + sha)).willReturn(json(200, t)));
    }

    /** {@code POST git/blobs} for exactly this content: short-blob with the content's git blob id. */
    public void createBlob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = GitBlob.sha1(bytes);
        stub(post(urlPathEqualTo(R + "/git/blobs"))
                .withRequestBody(matchingJsonPath("$.content", equalTo(Base64.getEncoder().encodeToString(bytes))))
                .willReturn(json(201, object().put("url", url("/repos/" + REPO + "/git/blobs/" + sha)).put("sha", sha))));
    }

    public void createTree() {
        ObjectNode t = object().put("sha", NEW_TREE).put("url", url("/repos/" + REPO + "/git/trees/" + NEW_TREE));
        t.putArray("tree");
        t.put("truncated", false);
        stub(post(urlPathEqualTo(R + "/git/trees")).willReturn(json(201, t)));
    }

    public void createCommit() {
        ObjectNode c = object().put("sha", NEW_COMMIT).put("node_id", "MDY6Q29tbWl0NzYzODQxN2RiNmQ1OWYzYzQzMWQzZTFm")
                .put("url", url("/repos/" + REPO + "/git/commits/" + NEW_COMMIT))
                .put("html_url", "https://github.com/" + REPO + "/commit/" + NEW_COMMIT);
        c.set("author", object().put("date", "2024-05-02T10:00:00Z").put("name", "carapulse[bot]")
                .put("email", "carapulse@users.noreply.github.com"));
        c.set("committer", c.get("author").deepCopy());
        c.put("message", "change");
        c.set("tree", object().put("url", url("/repos/" + REPO + "/git/trees/" + NEW_TREE)).put("sha", NEW_TREE));
        c.putArray("parents").addObject().put("url", url("/repos/" + REPO + "/git/commits/" + BASE_SHA))
                .put("sha", BASE_SHA);
        c.set("verification", object().put("verified", false).put("reason", "unsigned").putNull("signature")
                .putNull("payload"));
        stub(post(urlPathEqualTo(R + "/git/commits")).willReturn(json(201, c)));
    }

    public void createRef(String branch) {
        ObjectNode ref = object().put("ref", "refs/heads/" + branch).put("node_id", "MDM6UmVmcmVmcy9oZWFkcy9mZWF0dXJlQQ==")
                .put("url", url("/repos/" + REPO + "/git/refs/heads/" + branch));
        ref.set("object", object().put("type", "commit").put("sha", NEW_COMMIT)
                .put("url", url("/repos/" + REPO + "/git/commits/" + NEW_COMMIT)));
        stub(post(urlPathEqualTo(R + "/git/refs")).willReturn(json(201, ref)));
    }

    public void refExists() {
        stub(post(urlPathEqualTo(R + "/git/refs")).willReturn(error(422, "Reference already exists",
                "https://docs.github.com/rest/git/refs#create-a-reference")));
    }

    /** A pull request in the pull-request example's shape. */
    public ObjectNode pull(int number, String state, String head, String headSha, String base) {
        ObjectNode p = object().put("url", url("/repos/" + REPO + "/pulls/" + number)).put("id", 1000 + number)
                .put("node_id", "MDExOlB1bGxSZXF1ZXN0MQ==").put("html_url", "https://github.com/" + REPO + "/pull/" + number)
                .put("diff_url", "https://github.com/" + REPO + "/pull/" + number + ".diff")
                .put("issue_url", url("/repos/" + REPO + "/issues/" + number)).put("number", number).put("state", state)
                .put("locked", false).put("title", "Bump web to 1.5.0").put("body", "Rolls web forward.")
                .put("created_at", "2024-05-02T10:00:00Z").put("updated_at", "2024-05-02T10:00:00Z")
                .putNull("closed_at").putNull("merged_at").put("merge_commit_sha", MERGE_SHA).put("draft", false)
                .put("author_association", "CONTRIBUTOR");
        p.set("user", user("octocat"));
        p.set("head", object().put("label", "acme:" + head).put("ref", head).put("sha", headSha)
                .set("repo", repository()));
        ((ObjectNode) p.get("head")).set("user", user("acme"));
        p.set("base", object().put("label", "acme:" + base).put("ref", base).put("sha", BASE_SHA)
                .set("repo", repository()));
        ((ObjectNode) p.get("base")).set("user", user("acme"));
        p.set("_links", object().set("html", object().put("href", "https://github.com/" + REPO + "/pull/" + number)));
        return p;
    }

    /** The single pull request's extra fields: mergeability and merge state. */
    public ObjectNode full(ObjectNode pull, Boolean mergeable, String mergeableState, boolean merged) {
        pull.put("merged", merged).put("mergeable_state", mergeableState).put("rebaseable", true).put("comments", 0)
                .put("review_comments", 0).put("maintainer_can_modify", true).put("commits", 1).put("additions", 1)
                .put("deletions", 1).put("changed_files", 1);
        if (mergeable == null) {
            pull.putNull("mergeable");
        } else {
            pull.put("mergeable", mergeable);
        }
        pull.putNull("merged_by");
        if (merged) {
            pull.put("merged_at", "2024-05-02T11:00:00Z");
        }
        return pull;
    }

    public void getPull(ObjectNode full) {
        stub(get(urlPathEqualTo(R + "/pulls/" + full.path("number").asInt())).willReturn(json(200, full)));
    }

    public void issue(int number) {
        ObjectNode i = object().put("id", 1000 + number).put("node_id", "MDU6SXNzdWUx")
                .put("url", url("/repos/" + REPO + "/issues/" + number))
                .put("html_url", "https://github.com/" + REPO + "/pull/" + number).put("number", number)
                .put("state", "open").put("title", "Bump web to 1.5.0").put("body", "Rolls web forward.");
        i.set("user", user("octocat"));
        i.set("pull_request", object().put("url", url("/repos/" + REPO + "/pulls/" + number))
                .put("html_url", "https://github.com/" + REPO + "/pull/" + number));
        stub(get(urlPathEqualTo(R + "/issues/" + number)).willReturn(json(200, i)));
    }

    /** {@code GET commits/{sha}/check-runs}: check-run-paginated; runs as name:status:conclusion (conclusion may be "null"). */
    public void checkRuns(String sha, String... runs) {
        ObjectNode answer = object().put("total_count", runs.length);
        ArrayNode list = answer.putArray("check_runs");
        long id = 4;
        for (String r : runs) {
            String[] p = r.split(":");
            ObjectNode run = list.addObject().put("id", id++).put("head_sha", sha).put("node_id", "MDg6Q2hlY2tSdW40")
                    .put("external_id", "").put("url", url("/repos/" + REPO + "/check-runs/" + id))
                    .put("html_url", "https://github.com/" + REPO + "/runs/" + id)
                    .put("details_url", "https://example.com").put("status", p[1])
                    .put("started_at", "2024-05-02T10:01:00Z").put("name", p[0]);
            if ("null".equals(p[2])) {
                run.putNull("conclusion").putNull("completed_at");
            } else {
                run.put("conclusion", p[2]).put("completed_at", "2024-05-02T10:05:00Z");
            }
            run.set("output", object().put("title", p[0]).put("summary", "").putNull("text").put("annotations_count", 0));
            run.set("check_suite", object().put("id", 5));
            run.set("app", object().put("id", 1).put("slug", "github-actions").put("name", "GitHub Actions"));
            run.putArray("pull_requests");
        }
        stub(get(urlPathEqualTo(R + "/commits/" + sha + "/check-runs")).willReturn(json(200, answer)));
    }

    /** {@code GET statuses/{sha}}: status list, newest first; statuses as context:state. */
    public void statuses(String sha, String... statuses) {
        ArrayNode list = array();
        long id = 1;
        for (String s : statuses) {
            String[] p = s.split(":");
            ObjectNode st = list.addObject().put("url", url("/repos/" + REPO + "/statuses/" + sha))
                    .put("avatar_url", "https://github.com/images/error/hubot_happy.gif").put("id", id++)
                    .put("node_id", "MDY6U3RhdHVzMQ==").put("state", p[1]).put("description", "Build " + p[1])
                    .put("target_url", "https://ci.example.com/1000/output").put("context", p[0])
                    .put("created_at", "2024-05-02T10:0" + id + ":00Z").put("updated_at", "2024-05-02T10:0" + id + ":00Z");
            st.set("creator", user("octocat"));
        }
        stub(get(urlPathEqualTo(R + "/statuses/" + sha)).willReturn(json(200, list)));
    }

    /** {@code GET actions/workflows/deploy.yml} and the dispatch (204). */
    public void workflow(long id) {
        ObjectNode w = object().put("id", id).put("node_id", "MDg6V29ya2Zsb3cxNjEzMzU=").put("name", "Deploy")
                .put("path", ".github/workflows/deploy.yml").put("state", "active")
                .put("created_at", "2024-01-08T23:48:37.000-08:00").put("updated_at", "2024-01-08T23:50:21.000-08:00")
                .put("url", url("/repos/" + REPO + "/actions/workflows/" + id))
                .put("html_url", "https://github.com/" + REPO + "/blob/main/.github/workflows/deploy.yml")
                .put("badge_url", "https://github.com/" + REPO + "/workflows/Deploy/badge.svg");
        stub(get(urlPathEqualTo(R + "/actions/workflows/deploy.yml")).willReturn(json(200, w)));
        stub(post(urlPathEqualTo(R + "/actions/workflows/" + id + "/dispatches")).willReturn(aResponse().withStatus(204)));
    }

    /** {@code GET actions/runs}: workflow-run-paginated; runs as id:workflowId:createdAt. */
    public void runs(String branch, String... runs) {
        ObjectNode answer = object().put("total_count", runs.length);
        ArrayNode list = answer.putArray("workflow_runs");
        for (String r : runs) {
            String[] p = r.split("~");
            ObjectNode run = list.addObject().put("id", Long.parseLong(p[0])).put("name", "Deploy")
                    .put("node_id", "MDEyOldvcmtmbG93IFJ1bjI2OTI4OQ==").put("head_branch", branch)
                    .put("head_sha", BASE_SHA).put("path", ".github/workflows/deploy.yml").put("display_title", "Deploy")
                    .put("run_number", 562).put("event", "workflow_dispatch").put("status", "queued").putNull("conclusion")
                    .put("workflow_id", Long.parseLong(p[1])).put("check_suite_id", 42)
                    .put("url", url("/repos/" + REPO + "/actions/runs/" + p[0]))
                    .put("html_url", "https://github.com/" + REPO + "/actions/runs/" + p[0])
                    .put("created_at", p[2]).put("updated_at", p[2]).put("run_attempt", 1).put("run_started_at", p[2])
                    .put("jobs_url", url("/repos/" + REPO + "/actions/runs/" + p[0] + "/jobs"))
                    .put("workflow_url", url("/repos/" + REPO + "/actions/workflows/" + p[1]));
            run.putArray("pull_requests");
            run.set("actor", user("octocat"));
            run.set("triggering_actor", user("octocat"));
            run.set("repository", repository());
            run.set("head_repository", repository());
        }
        stub(get(urlPathEqualTo(R + "/actions/runs")).withQueryParam("event", equalTo("workflow_dispatch"))
                .withQueryParam("branch", equalTo(branch)).willReturn(json(200, answer)));
    }

    /** Map of request bodies, for assertions: the JSON of the single request to {@code method path}. */
    public ObjectNode body(String method, String path) {
        List<LoggedRequest> matching = requests().stream().filter(r -> r.getMethod().getName().equals(method)
                && r.getUrl().split("\\?")[0].equals(R + path)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " requests to " + method + " " + path + ": " + requests().stream()
                    .map(r -> r.getMethod() + " " + r.getUrl()).toList());
        }
        try {
            return (ObjectNode) JSON.readTree(matching.get(0).getBodyAsString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every request as {@code METHOD /path?query}, without the prefix. */
    public List<String> calls() {
        return requests().stream().map(r -> r.getMethod().getName() + " " + r.getUrl().replace(R, "")).toList();
    }

    public static MappingBuilder putTo(String path) {
        return put(urlPathEqualTo(R + path));
    }

    public static MappingBuilder patchTo(String path) {
        return patch(urlPathEqualTo(R + path));
    }

    public static MappingBuilder deleteTo(String path) {
        return delete(urlPathEqualTo(R + path));
    }

    public static MappingBuilder postTo(String path) {
        return post(urlPathEqualTo(R + path));
    }

    public static MappingBuilder getTo(String path) {
        return get(urlPathEqualTo(R + path));
    }
}
