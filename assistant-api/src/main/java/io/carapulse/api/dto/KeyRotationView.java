package io.carapulse.api.dto;

/**
 * What a key rotation of the credential broker did ({@code POST /v1/integrations/rotate-key}).
 *
 * @param rewrapped how many data keys were re-wrapped by the current key encryption key
 * @param batches   how many transactions that took
 * @param keyId     the id of the current key encryption key, which now wraps every secret
 *                  ({@code local:…} or {@code aws-kms:…}; never key material)
 * @param secrets   how many secrets are stored (the broker's own key check included)
 */
public record KeyRotationView(int rewrapped, int batches, String keyId, long secrets) {
}
