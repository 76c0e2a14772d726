package io.carapulse.llm.codex;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.credential.BearerTokenCredential;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.llm.auth.CodexCredential;
import io.carapulse.llm.auth.CodexCredentialSource;
import io.carapulse.llm.call.Deadline;
import io.carapulse.llm.call.Failure;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.Sdk;
import io.carapulse.llm.call.TrackingListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code openai-codex} provider: the Responses API on the ChatGPT Codex backend, streamed, with
 * a ChatGPT OAuth access token from a {@link CodexCredentialSource}. Every request carries
 * {@code Authorization: Bearer <access>}, {@code ChatGPT-Account-ID}, {@code originator: carapulse},
 * {@code session_id: <conversation id>} and {@code Accept: text/event-stream}; the body is built by
 * {@link CodexParams}. A 401 asks the source for a newer token once ({@code afterUnauthorized}) and
 * tries again with it; a second 401 is {@code llm_auth_expired}.
 *
 * <p>The backend is undocumented and may change; the API-key provider stays the supported default.
 */
public final class CodexProvider implements LlmProvider {

    public static final String NAME = "openai-codex";
    public static final String DEFAULT_BASE_URL = "https://chatgpt.com/backend-api/codex";
    public static final String DEFAULT_MODEL = "gpt-5.2-codex";
    /** Sent as {@code originator}: the client name the backend sees. */
    public static final String ORIGINATOR = "carapulse";

    private final OpenAIClient client;
    private final String baseUrl;
    private final String model;
    private final CodexCredentialSource credentials;
    private final CallPolicy policy;
    private final Clock clock;

    public CodexProvider(String baseUrl, String model, CodexCredentialSource credentials, CallPolicy policy,
            Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.model = Objects.requireNonNull(model, "model");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                // the SDK insists on a credential when it is built; every call replaces this one with its token
                .credential(BearerTokenCredential.create(() -> {
                    throw new IllegalStateException("a Codex call brings its own access token");
                }))
                .maxRetries(0)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public LlmReply complete(LlmRequest request, LlmListener listener) {
        Deadline deadline = policy.deadline(request.timeout());
        Call call = new Call(request, deadline, credentials.current(), new TrackingListener(listener));
        return policy.run(deadline, call::attempt, call::classify, call.tracking::started);
    }

    /** Asks the credential source for the current token, which refreshes it first when it has expired. */
    @Override
    public LlmStatus status() {
        String shownUrl = Sdk.displayUrl(baseUrl);
        try {
            CodexCredential credential = credentials.current();
            return new LlmStatus(NAME, true, model, shownUrl, credential.source(), credential.expiresAt(),
                    "Responses API on the ChatGPT Codex backend (undocumented, may change) with model " + model + ".");
        } catch (CarapulseException e) {
            return new LlmStatus(NAME, false, model, shownUrl, null, null, e.getMessage());
        }
    }

    /** One {@link #complete} call: its credential, refreshed at most once. */
    private final class Call {

        private final ResponseCreateParams params;
        private final String sessionId;
        private final Deadline deadline;
        private final TrackingListener tracking;
        private final List<String> tokensUsed = new ArrayList<>();
        private CodexCredential credential;
        private boolean refreshed;

        Call(LlmRequest request, Deadline deadline, CodexCredential credential, TrackingListener tracking) {
            this.params = CodexParams.of(model, request);
            this.sessionId = request.conversationId();
            this.deadline = deadline;
            this.tracking = tracking;
            use(credential);
        }

        private void use(CodexCredential next) {
            credential = next;
            tokensUsed.add(next.accessToken());
        }

        LlmReply attempt(Duration timeLeft) {
            try {
                return stream(timeLeft);
            } catch (UnauthorizedException e) {
                if (refreshed) {
                    throw e;
                }
                refreshed = true;
                use(credentials.afterUnauthorized(credential));
                return stream(deadline.remaining());
            }
        }

        private LlmReply stream(Duration timeLeft) {
            CodexCredential using = credential;
            OpenAIClient authorised = client.withOptions(options -> {
                options.credential(BearerTokenCredential.create(using.accessToken()))
                        .replaceHeaders("originator", ORIGINATOR)
                        // the SDK itself sends Accept: text/event-stream on a streamed request
                        .replaceHeaders("session_id", sessionId);
                if (using.accountId() != null) {
                    options.replaceHeaders("ChatGPT-Account-ID", using.accountId());
                }
            });
            CodexStream stream = new CodexStream(model, tracking, errors());
            try (StreamResponse<ResponseStreamEvent> events =
                         authorised.responses().createStreaming(params, Sdk.attemptOptions(timeLeft))) {
                events.stream().forEach(stream::accept);
            }
            return stream.reply();
        }

        Failure classify(Exception failure) {
            return errors().classify(failure);
        }

        private CodexErrors errors() {
            return new CodexErrors(baseUrl, tokensUsed, clock);
        }
    }
}
