package org.cdimail.impl.dkim;

import static org.cdimail.impl.ImplError.DKIM_CRYPTO_FAILED;
import static org.cdimail.impl.ImplError.DKIM_FROM_NOT_ALIGNED;
import static org.cdimail.impl.ImplError.DKIM_NOT_WRITTEN;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.impl.mime.MessageSigner;

/**
 * Signs every rendered message of an alias with one {@code DKIM-Signature} per key (RFC 6376;
 * {@code ed25519-sha256} per RFC 8463), in two passes over the message as it will be written:
 * the first writes it into {@link RenderedParts}, which keeps the header fields and streams the
 * body through the {@link BodyCanonicalizer} into SHA-256 (an attached file is read, never held);
 * the second is the backend's own write of the {@link SignedMessage}, the signature fields first.
 * Both passes write the same saved message, so the bytes signed are the bytes that leave; the
 * first leaves out {@code Bcc} and {@code Content-Length} as the SMTP transports do (cdi-mail
 * renders neither). Immutable and thread-safe.
 */
public final class DkimSigner implements MessageSigner {

    private static final String[] NOT_TRANSMITTED = { "Bcc", "Content-Length" };

    /**
     * A selector and its key.
     *
     * @param selector {@code s=}
     * @param key      the key
     */
    record Selector(String selector, SigningKey key) {
    }

    private final String domain;
    private final List<Selector> selectors;
    private final Canonicalization header;
    private final Canonicalization body;
    private final String alignedKey;
    private final Clock clock;

    /**
     * @param domain     {@code d=}, lowercase ASCII
     * @param selectors  one signature each, in this order on top of the message
     * @param header     the header canonicalization
     * @param body       the body canonicalization
     * @param alignedKey the {@code require-aligned} key when it is true, else {@code null}
     * @param clock      gives {@code t=}
     */
    DkimSigner(String domain, List<Selector> selectors, Canonicalization header, Canonicalization body,
            String alignedKey, Clock clock) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.selectors = List.copyOf(selectors);
        this.header = Objects.requireNonNull(header, "header");
        this.body = Objects.requireNonNull(body, "body");
        this.alignedKey = alignedKey;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.selectors.isEmpty()) {
            throw new IllegalArgumentException("no selector");
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException {@code CDIMAIL-00607} when {@code require-aligned} is on and
     *                                  the {@code From} domain is not the signing domain or under it
     */
    @Override
    public MimeMessage sign(MimeMessage rendered) {
        MessageDigest digest = sha256();
        RenderedParts parts = new RenderedParts(body.body(new DigestOutputStream(OutputStream.nullOutputStream(), digest)));
        try {
            rendered.writeTo(parts, NOT_TRANSMITTED);
            parts.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(DKIM_NOT_WRITTEN.message("the message could not be written for DKIM signing"), e);
        }
        List<String> fields = parts.fields();
        SignedHeaders signed = SignedHeaders.of(fields);
        if (alignedKey != null) {
            checkAligned(fields);
        }
        String bodyHash = Base64.getEncoder().encodeToString(digest.digest());
        long time = clock.instant().getEpochSecond();
        List<String> signatures = new ArrayList<>(selectors.size());
        for (Selector selector : selectors) {
            signatures.add(SignatureField.sign(selector.key(), domain, selector.selector(), header, body, time, signed,
                    bodyHash));
        }
        try {
            return new SignedMessage(rendered, signatures);
        } catch (MessagingException e) {
            throw new IllegalStateException(DKIM_NOT_WRITTEN.message("the message could not be written for DKIM signing"), e);
        }
    }

    private void checkAligned(List<String> fields) {
        for (String field : fields) {
            if ("from".equals(SignedHeaders.nameOf(field))) {
                String value = field.substring(field.indexOf(':') + 1).replace("\r\n", "");
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                        if (!aligned(domainOf(address.getAddress()), domain)) {
                            throw notAligned();
                        }
                    }
                } catch (AddressException e) {
                    throw notAligned();
                }
            }
        }
    }

    private IllegalArgumentException notAligned() {
        return new IllegalArgumentException(DKIM_FROM_NOT_ALIGNED.message("the From domain is not the DKIM signing domain or a"
                + " subdomain of it, which " + alignedKey + "=true requires; the message was not sent"));
    }

    /**
     * The domain of an addr-spec, lowercase.
     *
     * @param addrSpec {@code local@domain}
     * @return the domain, empty when there is none
     */
    static String domainOf(String addrSpec) {
        int at = addrSpec == null ? -1 : addrSpec.lastIndexOf('@');
        return at < 0 ? "" : addrSpec.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * DMARC's relaxed alignment, without the public suffix list: the domain is the signing domain
     * or a subdomain of it.
     *
     * @param from    the From domain, ASCII
     * @param signing the signing domain, ASCII
     * @return whether they are aligned
     */
    static boolean aligned(String from, String signing) {
        String f = from.toLowerCase(Locale.ROOT);
        String d = signing.toLowerCase(Locale.ROOT);
        return f.equals(d) || f.endsWith("." + d);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(DKIM_CRYPTO_FAILED.message("SHA-256 is not available"), e);
        }
    }

    /** Never shows keys. */
    @Override
    public String toString() {
        return "DkimSigner[d=" + domain + ", s=" + selectors.stream().map(Selector::selector).toList() + ", c="
                + header.token() + "/" + body.token() + "]";
    }
}
