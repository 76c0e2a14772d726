package io.carapulse.core.broker.crypto;

import io.carapulse.api.error.RetriableException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * A key encryption key in AWS KMS: data keys come from {@code GenerateDataKey} (AES_256), are re-wrapped
 * with {@code Encrypt} and opened with {@code Decrypt}, always with the encryption context
 * {@value #CONTEXT_KEY} = the secret's binding ({@link AssociatedData#text}), so KMS refuses a wrapped
 * key presented for another owner or name (and CloudTrail shows which secret was opened). The key
 * itself never leaves KMS. Its id is {@code aws-kms:} and the key's ARN, whatever names it in the
 * settings (a key id, an alias, an alias ARN, the key ARN): {@code DescribeKey} resolves it once, on first
 * use, and every later call names that ARN. So the same key configured another way keeps its id, and an
 * alias moved to another key is a new key (list the old ARN as a previous key to read what it wrapped).
 */
public final class KmsKeyEncryptionKey implements KeyEncryptionKey {

    /** The encryption context key every call carries. */
    public static final String CONTEXT_KEY = "carapulse:secret";

    private final KmsClient kms;
    private final String configured;
    private volatile String arn;

    /** @param keyId the key as configured: key id, key ARN, alias name or alias ARN */
    public KmsKeyEncryptionKey(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.configured = Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * A KMS client for the broker: the region and (for tests or VPC endpoints) the endpoint from settings,
     * credentials from the given provider (the SDK's default chain in production).
     */
    public static KmsClient client(String region, String endpoint, AwsCredentialsProvider credentials) {
        KmsClientBuilder b = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials == null ? DefaultCredentialsProvider.builder().build() : credentials);
        if (region != null && !region.isBlank()) {
            b.region(Region.of(region));
        }
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    /** {@code aws-kms:<key ARN>}, the ARN resolved with {@code DescribeKey} on first use. */
    @Override
    public String id() {
        return "aws-kms:" + arn();
    }

    private String arn() {
        String known = arn;
        if (known == null) {
            known = call("aws-kms:" + configured, "DescribeKey",
                    () -> kms.describeKey(b -> b.keyId(configured)).keyMetadata().arn());
            arn = known;
        }
        return known;
    }

    @Override
    public DataKey generate(byte[] associatedData) {
        GenerateDataKeyResponse r = call("GenerateDataKey", () -> kms.generateDataKey(b -> b.keyId(arn())
                .keySpec(DataKeySpec.AES_256).encryptionContext(context(associatedData))));
        byte[] key = r.plaintext().asByteArray();
        if (key.length != Gcm.KEY_BYTES) {
            throw new IllegalStateException("KMS GenerateDataKey returned a " + key.length + "-byte key, not 32");
        }
        return new DataKey(key, new WrappedKey(id(), r.ciphertextBlob().asByteArray(), null));
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
        byte[] blob = call("Encrypt", () -> kms.encrypt(b -> b.keyId(arn()).plaintext(SdkBytes.fromByteArray(dataKey))
                .encryptionContext(context(associatedData)))).ciphertextBlob().asByteArray();
        return new WrappedKey(id(), blob, null);
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] associatedData) {
        String id = id();
        if (!wrapped.kekId().equals(id)) {
            throw new SecretUnreadableException("the data key was wrapped by " + wrapped.kekId() + ", not by " + id);
        }
        return call("Decrypt", () -> kms.decrypt(b -> b.keyId(arn())
                .ciphertextBlob(SdkBytes.fromByteArray(wrapped.key()))
                .encryptionContext(context(associatedData)))).plaintext().asByteArray();
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of(CONTEXT_KEY, new String(associatedData, StandardCharsets.UTF_8));
    }

    private <T> T call(String operation, java.util.function.Supplier<T> request) {
        return call(id(), operation, request);
    }

    private static <T> T call(String id, String operation, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new SecretUnreadableException("KMS " + operation + " with " + id + " refused the wrapped data key ("
                    + e.awsErrorDetails().errorCode() + "): it changed, belongs to another owner or name, or another key"
                    + " wrapped it");
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new RetriableException("kms_unavailable", "KMS " + operation + " with " + id + " failed: " + code);
            }
            throw new SecretUnreadableException("KMS " + operation + " with " + id + " was refused: " + code);
        } catch (SdkException e) {
            throw new RetriableException("kms_unavailable", "KMS " + operation + " with " + id + " cannot be reached: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "KmsKeyEncryptionKey[" + (arn == null ? configured : arn) + "]";
    }
}
