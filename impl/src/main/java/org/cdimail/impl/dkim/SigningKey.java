package org.cdimail.impl.dkim;

import static org.cdimail.impl.ImplError.DKIM_CRYPTO_FAILED;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/**
 * A private key and the DKIM algorithm it signs with. Thread-safe: every signature uses a new
 * {@link Signature}.
 */
sealed interface SigningKey permits SigningKey.RsaSha256, SigningKey.Ed25519Sha256 {

    /**
     * The {@code a=} value.
     *
     * @return {@code rsa-sha256} or {@code ed25519-sha256}
     */
    String algorithm();

    /**
     * Signs the canonicalized header data (RFC 6376 3.7: the signed fields and the signature
     * field without its {@code b=} value).
     *
     * @param headerData the data, as hashed
     * @return the signature's bytes, the {@code b=} value before Base64
     */
    byte[] sign(byte[] headerData);

    /** {@code rsa-sha256} (RFC 6376 3.3.1): RSASSA-PKCS1-v1_5 over SHA-256 of the data. */
    record RsaSha256(PrivateKey key) implements SigningKey {
        public RsaSha256 {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String algorithm() {
            return "rsa-sha256";
        }

        @Override
        public byte[] sign(byte[] headerData) {
            return SigningKey.signed("SHA256withRSA", key, headerData);
        }

        /** Never shows the key. */
        @Override
        public String toString() {
            return "RsaSha256";
        }
    }

    /**
     * {@code ed25519-sha256} (RFC 8463 3): PureEd25519 over the SHA-256 of the data, not over the
     * data itself.
     */
    record Ed25519Sha256(PrivateKey key) implements SigningKey {
        public Ed25519Sha256 {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String algorithm() {
            return "ed25519-sha256";
        }

        @Override
        public byte[] sign(byte[] headerData) {
            try {
                return SigningKey.signed("Ed25519", key, MessageDigest.getInstance("SHA-256").digest(headerData));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(DKIM_CRYPTO_FAILED.message("DKIM signing failed: " + e.getClass().getSimpleName()),
                        e);
            }
        }

        /** Never shows the key. */
        @Override
        public String toString() {
            return "Ed25519Sha256";
        }
    }

    private static byte[] signed(String algorithm, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(DKIM_CRYPTO_FAILED.message("DKIM signing failed: " + e.getClass().getSimpleName()), e);
        }
    }
}
