package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.RENDERING_FAILED;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailAlternative;
import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;

/**
 * Renders an {@link EmailMessage} as Django's {@code message()} does, on Jakarta Mail.
 *
 * <p>Structure: a single {@code text/*} part; {@code multipart/alternative} when there are
 * alternatives; {@code multipart/related} around the HTML and the inline parts it references by
 * {@code cid:}; {@code multipart/mixed} around attachments; {@code message/rfc822} for attached
 * messages. Every header and transfer encoding is set here, explicitly, and every header line
 * is checked once complete: only printable US-ASCII, space and tab, folded with CRLF and white
 * space, ever reaches the wire, a file or the console. Instances are immutable and thread-safe.
 */
public final class MimeRenderer {

    private final RenderSettings settings;
    private final MessageSigner signer;

    /**
     * A renderer with the given settings, which signs nothing.
     *
     * @param settings the default sender, charset, time zone and host name
     */
    public MimeRenderer(RenderSettings settings) {
        this(settings, MessageSigner.NONE);
    }

    /**
     * A renderer with the given settings whose every rendered message goes through {@code signer}
     * (the pipeline's render and sign stages): {@link #render} and {@link #writeTo} give the
     * signed message. Attached messages inside it are not signed.
     *
     * @param settings the default sender, charset, time zone and host name
     * @param signer   the alias's signer, {@link MessageSigner#NONE} for none
     */
    public MimeRenderer(RenderSettings settings, MessageSigner signer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * The settings this renderer uses.
     *
     * @return the settings
     */
    public RenderSettings settings() {
        return settings;
    }

    /**
     * Renders the message. Files are not read here beyond what choosing their transfer encoding
     * needs; they are streamed when the result is written.
     *
     * @param message the message
     * @param session the session for the {@link MimeMessage}, or {@code null} for a private default one
     * @return the rendered message, with Date and Message-ID set, signed by this renderer's signer
     * @throws IllegalArgumentException if an address is invalid or needs SMTPUTF8, or the signer
     *                                  refuses the message; the message names the header or the key
     * @throws org.cdimail.BadHeaderException if a header value cannot be written as printable
     *                                  US-ASCII (a structured value, a MIME type parameter that is
     *                                  or decodes to a control character); it names the header
     * @throws UncheckedIOException     if an attached file cannot be read
     */
    public MimeMessage render(EmailMessage message, Session session) {
        return render(message, session, false);
    }

    /**
     * As {@link #render(EmailMessage, Session)}; with {@code utf8}, for a transaction with
     * {@code SMTPUTF8} (RFC 6531/6532), addresses with a local part beyond ASCII are written in
     * UTF-8 in the address headers instead of being refused (domains stay IDNA, display names
     * encoded words).
     *
     * @param message the message
     * @param session the session, or {@code null}
     * @param utf8    whether the headers may hold UTF-8 addresses
     * @return the rendered message
     */
    public MimeMessage render(EmailMessage message, Session session, boolean utf8) {
        Objects.requireNonNull(message, "message");
        try {
            return signer.sign(renderWithStructure(message, session, utf8).message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(RENDERING_FAILED.message("the message could not be rendered"), e);
        }
    }

    /** A rendered message and the root of its tree, whose encoding an enclosing message/rfc822 part needs. */
    private record Rendered(MimeMessage message, MimeNode root) {
    }

    private Rendered renderWithStructure(EmailMessage message, Session session, boolean utf8)
            throws IOException, MessagingException {
        RenderedMessage mime = new RenderedMessage(session == null ? DefaultSession.INSTANCE : session);
        Charset charset = charsetOf(message);
        new MessageHeaders(settings, utf8).write(mime, message, charset);
        MimeNode root = structure(message, charset, session);
        root.applyTo(mime);
        mime.saveChanges();
        HeaderBytes.check(mime, utf8); // the headers are final now: nothing else is written before the content
        return new Rendered(mime, root);
    }

    /**
     * Writes the message as RFC 5322 bytes with CRLF line breaks; attached files are streamed.
     *
     * @param message the message
     * @param out     where to write; not closed
     * @throws IOException if writing or reading an attached file fails
     */
    public void writeTo(EmailMessage message, OutputStream out) throws IOException {
        MimeMessage mime = render(message, null);
        try {
            mime.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException(RENDERING_FAILED.message("the message could not be written"), e);
        }
    }

    /**
     * The SMTP envelope: {@code from} (or the default sender) and {@code recipients()}, as
     * addr-specs with IDNA domains. Header overrides do not change it.
     *
     * @param message the message
     * @return the envelope
     * @throws IllegalArgumentException naming the header (From, To, Cc or Bcc), never the address
     */
    public Envelope envelope(EmailMessage message) {
        return envelope(message, false);
    }

    /**
     * The envelope, for a server that may offer {@code SMTPUTF8} when {@code utf8} is set: local
     * parts beyond ASCII are then kept (see {@link Envelope#needsSmtpUtf8()}) rather than refused.
     *
     * @param message the message
     * @param utf8    whether local parts beyond ASCII are allowed
     * @return the envelope
     * @throws IllegalArgumentException naming the header (From, To, Cc or Bcc), never the address
     */
    public Envelope envelope(EmailMessage message, boolean utf8) {
        InternetAddress sender = Addresses.addrSpec(
                Addresses.parseOne("From", message.from().orElse(settings.defaultFrom()), utf8));
        List<InternetAddress> recipients = new ArrayList<>();
        addEnvelope(recipients, "To", message.to(), utf8);
        addEnvelope(recipients, "Cc", message.cc(), utf8);
        addEnvelope(recipients, "Bcc", message.bcc(), utf8);
        return new Envelope(sender, recipients);
    }

    private static void addEnvelope(List<InternetAddress> into, String header, List<String> addresses, boolean utf8) {
        for (String address : addresses) {
            into.add(Addresses.addrSpec(Addresses.parseOne(header, address, utf8)));
        }
    }

    private Charset charsetOf(EmailMessage message) {
        return message.encoding().map(Charset::forName).orElse(settings.defaultCharset());
    }

    private MimeNode structure(EmailMessage message, Charset charset, Session session)
            throws IOException, MessagingException {
        String bodyType = "text/" + message.contentSubtype();
        MimeNode body = Parts.bodyText(message.body(), bodyType, charset);
        List<MimeNode> alternatives = new ArrayList<>();
        String html = EmailMessage.HTML.equals(message.contentSubtype()) ? message.body() : null;
        int htmlAlternative = -1;
        for (EmailAlternative alternative : message.alternatives()) {
            if (html == null && alternative.isText()
                    && alternative.mimetype().toLowerCase(Locale.ROOT).startsWith("text/html")) {
                html = alternative.text();
                htmlAlternative = alternatives.size();
            }
            alternatives.add(Parts.alternative(alternative, charset));
        }

        List<MimeNode> related = new ArrayList<>();
        List<MimeNode> attachments = new ArrayList<>();
        String referencing = html;
        for (EmailAttachment attachment : message.attachments()) {
            MimeNode node = attachmentNode(attachment, charset, session);
            boolean referenced = referencing != null && attachment.contentId()
                    .map(id -> referencing.contains("cid:" + id)).orElse(false);
            (referenced ? related : attachments).add(node);
        }
        if (!related.isEmpty()) {
            if (htmlAlternative < 0) {
                body = related(body, related);
            } else {
                alternatives.set(htmlAlternative, related(alternatives.get(htmlAlternative), related));
            }
        }
        MimeNode main = body;
        if (!alternatives.isEmpty()) {
            List<MimeNode> parts = new ArrayList<>();
            parts.add(body);
            parts.addAll(alternatives);
            main = new MultipartNode("alternative", parts);
        }
        if (attachments.isEmpty()) {
            return main;
        }
        List<MimeNode> parts = new ArrayList<>();
        parts.add(main);
        parts.addAll(attachments);
        return new MultipartNode("mixed", parts);
    }

    private static MimeNode related(MimeNode html, List<MimeNode> inline) throws MessagingException {
        List<MimeNode> parts = new ArrayList<>();
        parts.add(html);
        parts.addAll(inline);
        return new MultipartNode("related", parts);
    }

    private MimeNode attachmentNode(EmailAttachment attachment, Charset charset, Session session)
            throws IOException, MessagingException {
        MimeNode node = switch (attachment.source()) {
            case MESSAGE -> {
                Rendered inner = renderWithStructure(attachment.message().orElseThrow(), session, false);
                yield MessageNode.of(inner.message(), inner.root().transferEncoding());
            }
            default -> Parts.attachment(attachment, charset);
        };
        if (attachment.contentId().isPresent()) {
            String id = "<" + attachment.contentId().get() + ">";
            if (node instanceof LeafNode leaf) {
                leaf.header("Content-ID", id);
            } else if (node instanceof MessageNode part) {
                part.contentId(id);
            }
        }
        return node;
    }

    /** The session used when the caller gives none: no properties beyond the MIME defaults. */
    private static final class DefaultSession {
        static final Session INSTANCE = Session.getInstance(properties());

        private DefaultSession() {
        }

        private static Properties properties() {
            Properties properties = new Properties();
            // Headers are always ASCII here (encoded words, IDNA); never let a parser accept raw UTF-8.
            properties.setProperty("mail.mime.allowutf8", "false");
            // Parse back local-part-only addresses ("localpartonly"), which Django allows.
            properties.setProperty("mail.mime.address.strict", "false");
            return properties;
        }
    }
}
