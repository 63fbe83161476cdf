package org.cdimail.impl.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test keys: a key pair, its private key as a PKCS#8 PEM file, and the DNS TXT record that
 * publishes its public key. Generated once per JVM (RSA-2048 takes a moment).
 *
 * @param selector the selector it is published under
 * @param pair     the key pair
 */
public record DkimTestKeys(String selector, KeyPair pair) {

    public static final String DOMAIN = "example.com";

    private static final DkimTestKeys RSA = generate("rsa2026", "RSA", 2048);
    private static final DkimTestKeys ED25519 = generate("ed2026", "Ed25519", 0);

    public static DkimTestKeys rsa() {
        return RSA;
    }

    public static DkimTestKeys ed25519() {
        return ED25519;
    }

    static DkimTestKeys generate(String selector, String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return new DkimTestKeys(selector, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isRsa() {
        return "RSA".equals(pair.getPrivate().getAlgorithm());
    }

    /** The private key as PEM text. */
    String pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes the private key to {@code dir/<selector>.pem}. */
    public Path write(Path dir) {
        try {
            return Files.writeString(dir.resolve(selector + ".pem"), pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <selector>._domainkey.<domain>} */
    String dnsName() {
        return selector + "._domainkey." + DOMAIN;
    }

    /**
     * The TXT record: for RSA {@code p=} is the Base64 SubjectPublicKeyInfo, for Ed25519 the Base64
     * of the raw 32-byte public key (RFC 8463 4), the last 32 bytes of its SubjectPublicKeyInfo.
     */
    String txtRecord() {
        byte[] spki = pair.getPublic().getEncoded();
        if (isRsa()) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki);
        }
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32,
                spki.length));
    }

    /** The argument the verifier script takes. */
    String verifierArgument() {
        return dnsName() + "=" + txtRecord();
    }
}
