package org.cdimail;

import static org.cdimail.ApiError.LIST_UNSUBSCRIBE_BAD_URI;
import static org.cdimail.ApiError.LIST_UNSUBSCRIBE_EMPTY;
import static org.cdimail.ApiError.LIST_UNSUBSCRIBE_ONE_CLICK_NEEDS_HTTPS;

import static org.cdimail.ApiError.BAD_CONTENT_SUBTYPE;
import static org.cdimail.ApiError.BCC_HEADER;
import static org.cdimail.ApiError.EMPTY_HEADER_VALUE;
import static org.cdimail.ApiError.UNSUPPORTED_ENCODING_CHARSET;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.cdimail.spi.MessageRenderer;

/**
 * An email message: Django's {@code EmailMessage} and {@code EmailMultiAlternatives} in one
 * immutable value.
 *
 * <p>Build one with {@link #builder()}; change one with {@link #toBuilder()}. Instances are
 * immutable and safe to share between threads; a backend may keep them (the in-memory outbox
 * does) without fear of later changes.
 *
 * <pre>{@code
 * EmailMessage message = EmailMessage.builder()
 *         .subject("Welcome")
 *         .body("Hello, and welcome.")
 *         .from("team@example.com")
 *         .to("ada@example.com")
 *         .attachAlternative("<p>Hello, and <b>welcome</b>.</p>", "text/html")
 *         .attachFile(Path.of("terms.pdf"))
 *         .build();
 * mailer.send(message);
 * }</pre>
 *
 * <h2 id="headers">Headers and the envelope</h2>
 * {@link #headers()} may override how {@code From}, {@code To}, {@code Cc}, {@code Reply-To},
 * {@code Date} and {@code Message-ID} are displayed. The SMTP envelope is always {@link #from()}
 * (or the configured default sender) and {@link #recipients()}. {@code Bcc} is never rendered.
 *
 * <h2 id="injection">Header injection</h2>
 * {@link Builder#build()} rejects with {@link BadHeaderException} any line break (CR, LF, U+0085,
 * U+2028, U+2029 and the other line terminators) in the subject, a header name or value, any
 * address or display name (Bcc included), an attachment file name or content id; any header
 * name that is not printable US-ASCII without a colon (RFC 5322); any other control character in
 * an attachment file name; and a content id that is not printable US-ASCII without white space.
 * Rendering then guarantees that every header byte written, whatever the backend, is printable
 * US-ASCII, space or tab, with folded lines ending in CRLF followed by white space: values beyond
 * ASCII are encoded (RFC 2047, RFC 2231, IDNA), and a value that cannot be encoded (a structured
 * header, a MIME type parameter decoding to a control character) is refused with a
 * {@link BadHeaderException} naming the header.
 *
 * <h2 id="rendering">Rendering</h2>
 * {@link #message()} and {@link #writeTo(OutputStream)} render the MIME message through the
 * {@link MessageRenderer} of the implementation on the class path, with the implementation's
 * configured defaults (default sender, charset, time zone). A missing {@code from} falls back to
 * {@code mail.default-from} ({@code webmaster@localhost} by default).
 */
public final class EmailMessage {

    /** The content subtype of a plain-text body, the default. */
    public static final String PLAIN = "plain";
    /** The content subtype of an HTML body. */
    public static final String HTML = "html";

    private final String subject;
    private final String body;
    private final String from;
    private final List<String> to;
    private final List<String> cc;
    private final List<String> bcc;
    private final List<String> replyTo;
    private final Map<String, String> headers;
    private final List<EmailAttachment> attachments;
    private final List<EmailAlternative> alternatives;
    private final String contentSubtype;
    private final String encoding;

    private EmailMessage(Builder b) {
        this.subject = HeaderRules.checkValue("Subject", b.subject == null ? "" : b.subject);
        this.body = b.body == null ? "" : b.body;
        this.from = HeaderRules.checkValue("From", blankToNull(b.from));
        this.to = addresses("To", b.to);
        this.cc = addresses("Cc", b.cc);
        this.bcc = addresses("Bcc", b.bcc);
        this.replyTo = addresses("Reply-To", b.replyTo);
        this.headers = checkHeaders(b.headers);
        this.attachments = List.copyOf(b.attachments);
        this.alternatives = List.copyOf(b.alternatives);
        this.contentSubtype = checkSubtype(b.contentSubtype);
        this.encoding = checkEncoding(b.encoding);
    }

    /**
     * A new, empty builder. Every field is optional: {@code EmailMessage.builder().build()} is a
     * valid (if useless) message, as {@code EmailMessage()} is in Django.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this message's values, to derive a changed copy.
     *
     * @return a new builder initialised from this message
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.subject = subject;
        b.body = body;
        b.from = from;
        b.to.addAll(to);
        b.cc.addAll(cc);
        b.bcc.addAll(bcc);
        b.replyTo.addAll(replyTo);
        b.headers.putAll(headers);
        b.attachments.addAll(attachments);
        b.alternatives.addAll(alternatives);
        b.contentSubtype = contentSubtype;
        b.encoding = encoding;
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> addresses(String header, List<String> given) {
        List<String> kept = new ArrayList<>(given.size());
        for (String address : given) {
            // Checked before stripping: a line break at either end is refused, not silently removed.
            if (address != null && !HeaderRules.checkValue(header, address).isBlank()) {
                kept.add(address.strip());
            }
        }
        return List.copyOf(kept);
    }

    private static Map<String, String> checkHeaders(Map<String, String> given) {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = HeaderRules.checkName(e.getKey());
            if (name.equalsIgnoreCase("Bcc")) {
                throw new IllegalArgumentException(
                        BCC_HEADER.message("Bcc is never rendered as a header; use bcc(...)"));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(EMPTY_HEADER_VALUE.message("header '" + name + "' has no value"));
            }
            checked.put(name, HeaderRules.checkValue(name, e.getValue()));
        }
        return Collections.unmodifiableMap(checked);
    }

    private static String checkSubtype(String subtype) {
        String s = subtype == null ? PLAIN : subtype.toLowerCase(Locale.ROOT);
        if (!s.matches("[a-z0-9][a-z0-9.+\\-]*")) {
            throw new IllegalArgumentException(
                    BAD_CONTENT_SUBTYPE.message("content subtype must be a MIME subtype such as plain or html"));
        }
        return s;
    }

    private static String checkEncoding(String encoding) {
        if (encoding == null) {
            return null;
        }
        try {
            if (!Charset.isSupported(encoding)) {
                throw new IllegalArgumentException(
                        UNSUPPORTED_ENCODING_CHARSET.message("unsupported charset for encoding"));
            }
        } catch (IllegalCharsetNameException e) {
            throw new IllegalArgumentException(
                    UNSUPPORTED_ENCODING_CHARSET.message("unsupported charset for encoding"), e);
        }
        return encoding;
    }

    /**
     * The subject.
     *
     * @return the subject, empty when not set
     */
    public String subject() {
        return subject;
    }

    /**
     * The body, of type {@code text/}{@link #contentSubtype()}.
     *
     * @return the body, empty when not set
     */
    public String body() {
        return body;
    }

    /**
     * The sender given to this message. When empty, backends and {@link #message()} use the
     * configured default sender ({@code mail.default-from}).
     *
     * @return the sender, if set
     */
    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    /**
     * The {@code To} recipients, blanks dropped.
     *
     * @return an immutable list
     */
    public List<String> to() {
        return to;
    }

    /**
     * The {@code Cc} recipients, blanks dropped.
     *
     * @return an immutable list
     */
    public List<String> cc() {
        return cc;
    }

    /**
     * The {@code Bcc} recipients, blanks dropped. They receive the message but never appear in it.
     *
     * @return an immutable list
     */
    public List<String> bcc() {
        return bcc;
    }

    /**
     * The {@code Reply-To} addresses, blanks dropped.
     *
     * @return an immutable list
     */
    public List<String> replyTo() {
        return replyTo;
    }

    /**
     * Extra headers, in the order given. They may override the displayed {@code From}, {@code To},
     * {@code Cc}, {@code Reply-To}, {@code Date} and {@code Message-ID}.
     *
     * @return an immutable map that keeps insertion order
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The attachments, including inline parts, in order.
     *
     * @return an immutable list
     */
    public List<EmailAttachment> attachments() {
        return attachments;
    }

    /**
     * The alternative representations of the body, in order.
     *
     * @return an immutable list
     */
    public List<EmailAlternative> alternatives() {
        return alternatives;
    }

    /**
     * The subtype of the body's {@code text/*} type: {@value #PLAIN} (default) or {@value #HTML}.
     *
     * @return the content subtype, lower case
     */
    public String contentSubtype() {
        return contentSubtype;
    }

    /**
     * The charset for the body, the alternatives and the headers. When empty, the configured
     * {@code mail.default-charset} (UTF-8) is used.
     *
     * @return the charset name, if set
     */
    public Optional<String> encoding() {
        return Optional.ofNullable(encoding);
    }

    /**
     * Everyone who receives the message: {@code to}, then {@code cc}, then {@code bcc}, blanks
     * dropped. This is the SMTP envelope's recipient list.
     *
     * @return an immutable list
     */
    public List<String> recipients() {
        return Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }

    /**
     * Whether {@code text} occurs in the body or in any {@code text/*} alternative, as Django's
     * {@code body_contains}. Non-text alternatives are ignored.
     *
     * @param text the text to look for
     * @return {@code true} when the body or a text alternative contains it
     */
    public boolean bodyContains(String text) {
        Objects.requireNonNull(text, "text");
        if (body.contains(text)) {
            return true;
        }
        return alternatives.stream()
                .filter(a -> a.mimetype().toLowerCase(Locale.ROOT).startsWith("text/"))
                .anyMatch(a -> a.text().contains(text));
    }

    /**
     * Renders this message as a {@link MimeMessage}, as Django's {@code message()} does. Each call
     * renders anew; two calls give the same headers, except {@code Date} and {@code Message-ID} when
     * they are generated rather than given in {@link #headers()}.
     *
     * @return the rendered message
     * @throws BadHeaderException       if rendering finds an unsafe header
     * @throws IllegalArgumentException if an address is invalid (for example a non-ASCII local
     *                                  part)
     * @throws IllegalStateException    if no implementation of cdi-mail is on the class path
     */
    public MimeMessage message() {
        return MessageRenderer.instance().render(this);
    }

    /**
     * Writes this message as RFC 5322 bytes (CRLF line endings) to {@code out}. File attachments
     * are streamed, never loaded whole.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        MessageRenderer.instance().writeTo(this, out);
    }

    /**
     * This message as RFC 5322 bytes. Convenient for small messages; prefer
     * {@link #writeTo(OutputStream)} for messages with large attachments.
     *
     * @return the rendered bytes
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Describes the message without any address, body or header value. */
    @Override
    public String toString() {
        return "EmailMessage[recipients=" + recipients().size() + ", attachments=" + attachments.size()
                + ", alternatives=" + alternatives.size() + ", subtype=" + contentSubtype + "]";
    }

    /**
     * Builds {@link EmailMessage}s. Not thread-safe. Every setter replaces the previous value;
     * the {@code attach*} methods add.
     */
    public static final class Builder {
        private static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
        private static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

        private String subject;
        private String body;
        private String from;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private final List<String> replyTo = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<EmailAttachment> attachments = new ArrayList<>();
        private final List<EmailAlternative> alternatives = new ArrayList<>();
        private String contentSubtype;
        private String encoding;

        private Builder() {
        }

        /**
         * Sets the subject.
         *
         * @param subject the subject; {@code null} means empty
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * Sets the body.
         *
         * @param body the body; {@code null} means empty
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Sets the sender, for example {@code "Ada <ada@example.com>"}.
         *
         * @param from the sender; {@code null} or blank means the configured default
         * @return this builder
         */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /**
         * Sets the {@code To} recipients.
         *
         * @param to the addresses
         * @return this builder
         */
        public Builder to(String... to) {
            return to(Arrays.asList(to));
        }

        /**
         * Sets the {@code To} recipients.
         *
         * @param to the addresses; {@code null} and blank entries are dropped
         * @return this builder
         */
        public Builder to(Collection<String> to) {
            return replace(this.to, to);
        }

        /**
         * Sets the {@code Cc} recipients.
         *
         * @param cc the addresses
         * @return this builder
         */
        public Builder cc(String... cc) {
            return cc(Arrays.asList(cc));
        }

        /**
         * Sets the {@code Cc} recipients.
         *
         * @param cc the addresses; {@code null} and blank entries are dropped
         * @return this builder
         */
        public Builder cc(Collection<String> cc) {
            return replace(this.cc, cc);
        }

        /**
         * Sets the {@code Bcc} recipients.
         *
         * @param bcc the addresses
         * @return this builder
         */
        public Builder bcc(String... bcc) {
            return bcc(Arrays.asList(bcc));
        }

        /**
         * Sets the {@code Bcc} recipients.
         *
         * @param bcc the addresses; {@code null} and blank entries are dropped
         * @return this builder
         */
        public Builder bcc(Collection<String> bcc) {
            return replace(this.bcc, bcc);
        }

        /**
         * Sets the {@code Reply-To} addresses.
         *
         * @param replyTo the addresses
         * @return this builder
         */
        public Builder replyTo(String... replyTo) {
            return replyTo(Arrays.asList(replyTo));
        }

        /**
         * Sets the {@code Reply-To} addresses.
         *
         * @param replyTo the addresses; {@code null} and blank entries are dropped
         * @return this builder
         */
        public Builder replyTo(Collection<String> replyTo) {
            return replace(this.replyTo, replyTo);
        }

        private Builder replace(List<String> target, Collection<String> values) {
            Objects.requireNonNull(values, "addresses");
            target.clear();
            target.addAll(values);
            return this;
        }

        /**
         * Adds or replaces an extra header. A header with the same name in another case is
         * replaced.
         *
         * @param name  the header name
         * @param value the header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        /**
         * Removes an extra header, in any case of its name; nothing happens if there is none.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            Objects.requireNonNull(name, "name");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            return this;
        }

        /**
         * Sets {@code List-Unsubscribe} (RFC 2369) to the given URIs, in order, as
         * {@code <uri>, <uri>}, and removes any {@code List-Unsubscribe-Post}: mail clients offer
         * an unsubscribe link or address, but no one-click unsubscription. Replaces earlier values.
         * Like every header, it is covered by the alias's DKIM signature when it has one.
         *
         * @param uris {@code https}, {@code http} or {@code mailto} URIs, at least one; printable
         *             US-ASCII without spaces, commas or angle brackets (percent-encode them)
         * @return this builder
         * @throws BadHeaderException       if a URI contains a line break
         * @throws IllegalArgumentException if there is none, or one is not such a URI (the message
         *                                  never quotes it)
         */
        public Builder listUnsubscribe(String... uris) {
            header(LIST_UNSUBSCRIBE, listUnsubscribeValue(uris, false));
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(LIST_UNSUBSCRIBE_POST));
            return this;
        }

        /**
         * Sets {@code List-Unsubscribe} as {@link #listUnsubscribe(String...)} does, and
         * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058): a mail client may
         * unsubscribe the recipient with one {@code POST} to the {@code https} URI, without
         * asking. The {@code https} URI must accept that {@code POST} and identify the recipient
         * and list by itself; RFC 8058 also wants the message DKIM-signed with both headers
         * covered, which the alias's DKIM signature does.
         *
         * @param uris the URIs, at least one of them {@code https}
         * @return this builder
         * @throws BadHeaderException       if a URI contains a line break
         * @throws IllegalArgumentException if there is no {@code https} URI, or a URI is not valid
         */
        public Builder listUnsubscribeOneClick(String... uris) {
            header(LIST_UNSUBSCRIBE, listUnsubscribeValue(uris, true));
            header(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
            return this;
        }

        private static String listUnsubscribeValue(String[] uris, boolean oneClick) {
            Objects.requireNonNull(uris, "uris");
            if (uris.length == 0) {
                throw new IllegalArgumentException(LIST_UNSUBSCRIBE_EMPTY.message("List-Unsubscribe needs at least one URI"));
            }
            List<String> bracketed = new ArrayList<>();
            boolean https = false;
            for (String uri : uris) {
                Objects.requireNonNull(uri, "uri");
                HeaderRules.checkValue(LIST_UNSUBSCRIBE, uri);
                String scheme = listUnsubscribeScheme(uri);
                https |= scheme.equals("https");
                bracketed.add("<" + uri + ">");
            }
            if (oneClick && !https) {
                throw new IllegalArgumentException(LIST_UNSUBSCRIBE_ONE_CLICK_NEEDS_HTTPS.message("one-click unsubscription (RFC 8058) needs an https"
                        + " URI in List-Unsubscribe"));
            }
            return String.join(", ", bracketed);
        }

        /** The URI's scheme, lowercase, after checking the URI; the message never quotes it. */
        private static String listUnsubscribeScheme(String uri) {
            for (int i = 0; i < uri.length(); i++) {
                char c = uri.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == ',') {
                    throw new IllegalArgumentException(LIST_UNSUBSCRIBE_BAD_URI.message("a List-Unsubscribe URI must be printable"
                            + " US-ASCII without spaces, commas or angle brackets (percent-encode them)"));
                }
            }
            URI parsed;
            try {
                parsed = new URI(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(LIST_UNSUBSCRIBE_BAD_URI.message("a List-Unsubscribe URI is not a valid URI"));
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || scheme.equals("http");
            if (!(web && parsed.getHost() != null) && !(scheme.equals("mailto") && parsed.getSchemeSpecificPart() != null
                    && !parsed.getSchemeSpecificPart().isEmpty())) {
                throw new IllegalArgumentException(LIST_UNSUBSCRIBE_BAD_URI.message("a List-Unsubscribe URI must be an https, http or"
                        + " mailto URI"));
            }
            return scheme;
        }

        /**
         * Adds or replaces extra headers, in the map's iteration order.
         *
         * @param headers the headers
         * @return this builder
         */
        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        /**
         * Adds an attachment.
         *
         * @param attachment the attachment
         * @return this builder
         */
        public Builder attach(EmailAttachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Adds a text attachment: Django's {@code attach(filename, content, mimetype)}.
         *
         * @param filename the file name, or {@code null}
         * @param content  the text
         * @param mimetype the MIME type, or {@code null} to guess it from the file name
         * @return this builder
         */
        public Builder attach(String filename, String content, String mimetype) {
            return attach(EmailAttachment.of(filename, content, mimetype));
        }

        /**
         * Adds a binary attachment: Django's {@code attach(filename, content, mimetype)} with bytes.
         *
         * @param filename the file name, or {@code null}
         * @param content  the bytes
         * @param mimetype the MIME type, or {@code null} to guess it from the file name
         * @return this builder
         * @see EmailAttachment#of(String, byte[], String)
         */
        public Builder attach(String filename, byte[] content, String mimetype) {
            return attach(EmailAttachment.of(filename, content, mimetype));
        }

        /**
         * Attaches a file, its MIME type guessed from its name: Django's {@code attach_file}.
         *
         * @param path the file
         * @return this builder
         */
        public Builder attachFile(Path path) {
            return attachFile(path, null);
        }

        /**
         * Attaches a file: Django's {@code attach_file(path, mimetype)}.
         *
         * @param path     the file
         * @param mimetype the MIME type, or {@code null} to guess it
         * @return this builder
         */
        public Builder attachFile(Path path, String mimetype) {
            return attach(EmailAttachment.fromFile(path, mimetype));
        }

        /**
         * Attaches another message as {@code message/rfc822}.
         *
         * @param message the message
         * @return this builder
         */
        public Builder attachMessage(EmailMessage message) {
            return attach(EmailAttachment.message(message));
        }

        /**
         * Adds an alternative representation: Django's {@code attach_alternative}.
         *
         * @param content  the content
         * @param mimetype the MIME type, for example {@code text/html}
         * @return this builder
         */
        public Builder attachAlternative(String content, String mimetype) {
            return attachAlternative(EmailAlternative.of(content, mimetype));
        }

        /**
         * Adds an alternative representation.
         *
         * @param alternative the alternative
         * @return this builder
         */
        public Builder attachAlternative(EmailAlternative alternative) {
            alternatives.add(Objects.requireNonNull(alternative, "alternative"));
            return this;
        }

        /**
         * Sets the body's subtype: {@value EmailMessage#PLAIN} (default) or
         * {@value EmailMessage#HTML}, Django's {@code content_subtype}.
         *
         * @param contentSubtype the subtype
         * @return this builder
         */
        public Builder contentSubtype(String contentSubtype) {
            this.contentSubtype = contentSubtype;
            return this;
        }

        /**
         * Sets the charset of the body, alternatives and headers, Django's {@code encoding}.
         *
         * @param encoding a charset name such as {@code iso-8859-1}; {@code null} for the default
         * @return this builder
         */
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        /**
         * Builds the message, checking every header for injection.
         *
         * @return the message
         * @throws BadHeaderException       if a header, address or file name could inject a header
         * @throws IllegalArgumentException if the content subtype or encoding is invalid
         */
        public EmailMessage build() {
            return new EmailMessage(this);
        }
    }
}
