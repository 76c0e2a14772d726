package io.carapulse.core.broker.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS KMS key encryption key against a stub speaking KMS's JSON 1.1 protocol (POST /, X-Amz-Target
 * TrentService.*, application/x-amz-json-1.1, errors as {@code __type}): the stub hands out a data key
 * only for the expected key and encryption context, and opens a blob only with the context it was made
 * for, as KMS does.
 */
class KmsKeyEncryptionKeyTest {

    static final String KEY = "alias/carapulse-broker";
    static final String ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String OWNER = "integration:int_01abc";
    static final String NAME = "github:token";
    static final byte[] DATA_KEY = EnvelopeTest.key(7);
    static final byte[] BLOB = "kms-blob-for-int_01abc-github-token".getBytes();
    static final String CONTEXT = "$.EncryptionContext['" + KmsKeyEncryptionKey.CONTEXT_KEY + "']";

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private KmsClient client;
    private KmsKeyEncryptionKey kek;

    @BeforeEach
    void start() {
        stub.start();
        client = KmsKeyEncryptionKey.client("eu-west-1", stub.baseUrl(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "stub-secret")));
        kek = new KmsKeyEncryptionKey(client, KEY);
        String aad = AssociatedData.text(OWNER, NAME);
        stub.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY)))
                .willReturn(json(200, describe())));
        stub.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo(ARN)))
                .willReturn(json(200, describe())));
        stub.stubFor(kms("GenerateDataKey").atPriority(1)
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(ARN)))
                .withRequestBody(matchingJsonPath("$.KeySpec", equalTo("AES_256")))
                .withRequestBody(matchingJsonPath(CONTEXT, equalTo(aad)))
                .willReturn(json(200, "{\"CiphertextBlob\":\"" + b64(BLOB) + "\",\"KeyId\":\"" + ARN
                        + "\",\"Plaintext\":\"" + b64(DATA_KEY) + "\"}")));
        stub.stubFor(kms("Decrypt").atPriority(1)
                .withRequestBody(matchingJsonPath("$.CiphertextBlob", equalTo(b64(BLOB))))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(ARN)))
                .withRequestBody(matchingJsonPath(CONTEXT, equalTo(aad)))
                .willReturn(json(200, "{\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"KeyId\":\"" + ARN
                        + "\",\"Plaintext\":\"" + b64(DATA_KEY) + "\"}")));
        stub.stubFor(kms("Decrypt").atPriority(9).willReturn(json(400,
                "{\"__type\":\"InvalidCiphertextException\",\"message\":null}")));
    }

    @AfterEach
    void stop() {
        client.close();
        stub.stop();
    }

    @Test
    void shouldSealWithAGeneratedDataKeyAndOpenWithDecryptUnderTheSecretsEncryptionContext() {
        Keyring keys = new Keyring(kek, List.of());
        SealedSecret sealed;
        try (Plaintext p = Plaintext.ofString(EnvelopeTest.CANARY)) {
            sealed = Envelope.seal(keys, OWNER, NAME, p);
        }

        assertThat(sealed.wrappedKey()).isEqualTo(new WrappedKey("aws-kms:" + ARN, BLOB, null));
        try (Plaintext p = Envelope.open(keys, OWNER, NAME, sealed)) {
            assertThat(p.reveal()).isEqualTo(EnvelopeTest.CANARY);
        }
        stub.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
                .withHeader("Authorization", containing("Credential=AKIDEXAMPLE/"))
                .withRequestBody(matchingJsonPath(CONTEXT, equalTo("carapulse-secret/v1|" + OWNER + "|" + NAME))));
        assertThat(stub.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .doesNotContain(EnvelopeTest.CANARY));
    }

    @Test
    void shouldRefuseAWrappedKeyPresentedForAnotherOwnerAsKmsDoes() {
        Keyring keys = new Keyring(kek, List.of());
        SealedSecret sealed;
        try (Plaintext p = Plaintext.ofString(EnvelopeTest.CANARY)) {
            sealed = Envelope.seal(keys, OWNER, NAME, p);
        }

        assertThatThrownBy(() -> Envelope.open(keys, "integration:int_02xyz", NAME, sealed))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessage("the secret github:token of integration:int_02xyz cannot be decrypted: KMS Decrypt with "
                        + "aws-kms:" + ARN + " refused the wrapped data key (InvalidCiphertextException): it changed, "
                        + "belongs to another owner or name, or another key wrapped it");
    }

    @Test
    void shouldRewrapALocalDataKeyIntoKmsWithEncrypt() {
        stub.stubFor(kms("Encrypt").withRequestBody(matchingJsonPath("$.KeyId", equalTo(ARN)))
                .withRequestBody(matchingJsonPath(CONTEXT, equalTo(AssociatedData.text(OWNER, NAME))))
                .withRequestBody(matchingJsonPath("$.Plaintext"))
                .willReturn(json(200, "{\"CiphertextBlob\":\"" + b64("rewrapped".getBytes()) + "\",\"KeyId\":\""
                        + ARN + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")));
        LocalKeyEncryptionKey local = new LocalKeyEncryptionKey(EnvelopeTest.key(1));
        SealedSecret sealed;
        try (Plaintext p = Plaintext.ofString(EnvelopeTest.CANARY)) {
            sealed = Envelope.seal(new Keyring(local, List.of()), OWNER, NAME, p);
        }

        SealedSecret moved = Envelope.rewrap(new Keyring(kek, List.of(local)), OWNER, NAME, sealed);

        assertThat(moved.wrappedKey()).isEqualTo(new WrappedKey("aws-kms:" + ARN, "rewrapped".getBytes(), null));
        assertThat(moved.ciphertext()).isEqualTo(sealed.ciphertext());
    }

    @Test
    void shouldReportARefusalByKmsWithItsErrorCodeOnly() {
        stub.stubFor(kms("GenerateDataKey").atPriority(5).willReturn(json(400,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::1:user/x is not authorized\"}")));

        assertThatThrownBy(() -> kek.generate(AssociatedData.of("integration:other", NAME)))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessage("KMS GenerateDataKey with aws-kms:" + ARN + " was refused: AccessDeniedException");
    }

    @Test
    void shouldNameTheKeyByItsArnHoweverItIsConfigured() {
        KmsKeyEncryptionKey byArn = new KmsKeyEncryptionKey(client, ARN);

        assertThat(kek.id()).isEqualTo("aws-kms:" + ARN).isEqualTo(byArn.id());
        assertThat(kek.id()).isEqualTo(kek.id());
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("TrentService.DescribeKey")))).as("resolved once per key").hasSize(2);
    }

    @Test
    void shouldSayWhenTheKeyCannotBeDescribed() {
        KmsKeyEncryptionKey unknown = new KmsKeyEncryptionKey(client, "alias/nobody");
        stub.stubFor(kms("DescribeKey").withRequestBody(matchingJsonPath("$.KeyId", equalTo("alias/nobody")))
                .willReturn(json(400, "{\"__type\":\"NotFoundException\",\"message\":\"Alias arn:aws:kms:x is not found.\"}")));

        assertThatThrownBy(unknown::id).isInstanceOf(SecretUnreadableException.class)
                .hasMessage("KMS DescribeKey with aws-kms:alias/nobody was refused: NotFoundException");
    }

    private static String describe() {
        return "{\"KeyMetadata\":{\"AWSAccountId\":\"111122223333\",\"Arn\":\"" + ARN + "\",\"KeyId\":"
                + "\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyState\":\"Enabled\",\"KeySpec\":\"SYMMETRIC_DEFAULT\","
                + "\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"Enabled\":true,\"KeyManager\":\"CUSTOMER\",\"Origin\":\"AWS_KMS\"}}";
    }

    private static MappingBuilder kms(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
