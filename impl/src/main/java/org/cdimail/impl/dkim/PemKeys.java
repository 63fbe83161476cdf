package org.cdimail.impl.dkim;

import static org.cdimail.impl.ImplError.DKIM_KEY_ALGORITHM;
import static org.cdimail.impl.ImplError.DKIM_KEY_NOT_PKCS8;
import static org.cdimail.impl.ImplError.DKIM_KEY_UNREADABLE;
import static org.cdimail.impl.ImplError.DKIM_RSA_KEY_TOO_SHORT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.cdimail.impl.config.InvalidSettingException;

/**
 * Reads a DKIM private key: a PEM file holding one unencrypted PKCS#8 key
 * ({@code -----BEGIN PRIVATE KEY-----}), RSA of at least {@value #MIN_RSA_BITS} bits or Ed25519;
 * the algorithm is the key's. Every failure names the configuration key, never the key's bytes.
 */
final class PemKeys {

    /** The smallest RSA modulus accepted (RFC 8301 requires at least 1024; 2048 is today's floor). */
    static final int MIN_RSA_BITS = 2048;

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * Reads a key.
     *
     * @param file the PEM file
     * @param key  the configuration key that named it, for error messages
     * @return the key with its algorithm
     * @throws InvalidSettingException naming {@code key} if the file cannot be read or does not
     *                                 hold a usable key
     */
    static SigningKey read(Path file, String key) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(key, DKIM_KEY_UNREADABLE.message("cannot read the DKIM private key file named by "
                    + key + " (" + e.getClass().getSimpleName() + ")"));
        }
        return parse(pem, key);
    }

    /**
     * Parses a key from PEM text.
     *
     * @param pem the text
     * @param key the configuration key, for error messages
     * @return the key with its algorithm
     * @throws InvalidSettingException naming {@code key} if the text does not hold a usable key
     */
    static SigningKey parse(String pem, String key) {
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new InvalidSettingException(key, DKIM_KEY_NOT_PKCS8.message("the DKIM private key named by " + key
                    + " must be an unencrypted PKCS#8 PEM file (BEGIN PRIVATE KEY); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'"));
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new InvalidSettingException(key, DKIM_KEY_NOT_PKCS8.message("the file named by " + key
                    + " holds no PEM private key (BEGIN PRIVATE KEY)"));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, DKIM_KEY_NOT_PKCS8.message("the PEM private key named by " + key
                    + " is not valid Base64"));
        }
        PrivateKey rsa = decode("RSA", der);
        if (rsa != null) {
            int bits = ((RSAKey) rsa).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new InvalidSettingException(key, DKIM_RSA_KEY_TOO_SHORT.message("the RSA key named by " + key + " has " + bits
                        + " bits; DKIM keys need at least " + MIN_RSA_BITS));
            }
            return new SigningKey.RsaSha256(rsa);
        }
        PrivateKey ed25519 = decode("Ed25519", der);
        if (ed25519 != null) {
            return new SigningKey.Ed25519Sha256(ed25519);
        }
        throw new InvalidSettingException(key, DKIM_KEY_ALGORITHM.message("the private key named by " + key
                + " is neither RSA nor Ed25519, the two DKIM algorithms cdi-mail signs with"));
    }

    private static PrivateKey decode(String algorithm, byte[] der) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
