package org.cdimail.impl.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The text of one {@code DKIM-Signature} field (RFC 6376 3.5): {@code v}, {@code a}, {@code c},
 * {@code d}, {@code s}, {@code t}, {@code h}, {@code bh} and {@code b}, folded so that no line
 * exceeds 78 characters. The field is hashed with an empty {@code b=} and the same folds, then
 * the signature is appended, folded inside the value (folding white space there is ignored by
 * verifiers, RFC 6376 3.5).
 */
final class SignatureField {

    private static final String NAME = "DKIM-Signature";
    private static final String FOLD = "\r\n\t";
    private static final int LINE = 76;

    private SignatureField() {
    }

    /**
     * Signs and returns the whole field.
     *
     * @param key        the key and its algorithm
     * @param domain     {@code d=}
     * @param selector   {@code s=}
     * @param header     the header canonicalization
     * @param body       the body canonicalization
     * @param time       {@code t=}, seconds since the epoch
     * @param signed     the fields signed and their names
     * @param bodyHash   {@code bh=}, Base64
     * @return the field, with its folds, without the final CRLF
     */
    static String sign(SigningKey key, String domain, String selector, Canonicalization header,
            Canonicalization body, long time, SignedHeaders signed, String bodyHash) {
        String unsigned = NAME + ": v=1; a=" + key.algorithm() + "; c=" + header.token() + "/" + body.token()
                + "; d=" + domain + "; s=" + selector + ";" + FOLD + "t=" + time + "; " + folded("h=", signed.names())
                + ";" + FOLD + "bh=" + bodyHash + ";" + FOLD + "b=";
        ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
        for (String field : signed.fields()) {
            data.writeBytes(header.header(field).getBytes(StandardCharsets.UTF_8));
        }
        String own = header.header(unsigned);
        data.writeBytes(own.substring(0, own.length() - 2).getBytes(StandardCharsets.UTF_8)); // no CRLF
        String b = Base64.getEncoder().encodeToString(key.sign(data.toByteArray()));
        return unsigned + folded(b);
    }

    /** {@code h=} with a fold after a colon where a line would get too long. */
    private static String folded(String tag, List<String> names) {
        StringBuilder text = new StringBuilder(tag);
        int line = 1 + tag.length() + "t=0000000000; ".length();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) + (i + 1 < names.size() ? ":" : "");
            if (line + name.length() > LINE) {
                text.append(FOLD);
                line = 1;
            }
            text.append(name);
            line += name.length();
        }
        return text.toString();
    }

    /** A Base64 value folded after the {@code b=} on its line. */
    private static String folded(String base64) {
        StringBuilder text = new StringBuilder(base64.length() + base64.length() / 32);
        int first = Math.min(base64.length(), LINE - 3);
        text.append(base64, 0, first);
        for (int i = first; i < base64.length(); i += LINE - 1) {
            text.append(FOLD).append(base64, i, Math.min(base64.length(), i + LINE - 1));
        }
        return text.toString();
    }
}
