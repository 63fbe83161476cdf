package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.ATTACHED_MESSAGE_NOT_WRITTEN;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

/**
 * A {@code message/*} part, such as {@code message/rfc822}. RFC 2046 allows such a part only
 * 7bit, 8bit or binary, and Jakarta Mail writes it unencoded whatever its header says: the
 * enclosed message is never base64-encoded; its own parts carry their encodings, and this part
 * declares 7bit or 8bit to match them. It never declares binary, which would need the BINARYMIME
 * extension: bytes that only binary could carry are sent as another type (see {@link Parts}).
 */
final class MessageNode implements MimeNode {

    static final String RFC822 = "message/rfc822";

    private final String contentType;
    private final DataHandler content;
    private final String encoding;
    private final String disposition;
    private String contentId;

    private MessageNode(String contentType, DataHandler content, String encoding, String disposition) {
        this.contentType = contentType;
        this.content = content;
        this.encoding = encoding;
        this.disposition = disposition;
    }

    /** Another rendered message, written directly (its files streamed) when this one is written. */
    static MessageNode of(MimeMessage message, String innerEncoding) {
        // A quoted-printable or base64 root is 7-bit on the wire: the part itself is then 7bit.
        return new MessageNode(RFC822, new MessageHandler(message), MimeNode.widest("7bit", innerEncoding),
                "attachment");
    }

    /**
     * A message given as bytes (or a file), its line breaks made CRLF, streamed when written.
     *
     * @param contentType the part's full Content-Type
     * @param source      the bytes, without NUL or lines over 998 octets (see {@link Parts})
     * @param encoding    {@code 7bit} or {@code 8bit}, as the bytes are
     * @param disposition the part's full Content-Disposition
     */
    static MessageNode of(String contentType, ByteSource source, String encoding, String disposition) {
        return new MessageNode(contentType, new SourceHandler(contentType, source.withCrlf()), encoding, disposition);
    }

    MessageNode contentId(String id) {
        this.contentId = id;
        return this;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public String transferEncoding() {
        return encoding;
    }

    @Override
    public void applyTo(MimePart part) throws MessagingException {
        part.setDataHandler(content);
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Transfer-Encoding", encoding);
        part.setHeader("Content-Disposition", disposition);
        if (contentId != null) {
            part.setHeader("Content-ID", contentId);
        }
    }

    private static final class MessageHandler extends DataHandler {
        private final MimeMessage message;

        MessageHandler(MimeMessage message) {
            super(message, RFC822);
            this.message = message;
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            try {
                message.writeTo(os);
            } catch (MessagingException e) {
                throw new IOException(ATTACHED_MESSAGE_NOT_WRITTEN.message("cannot write an attached message"), e);
            }
        }
    }

    /** Streams the bytes; reading the content parses nothing, so a big attached message costs no memory. */
    private static final class SourceHandler extends DataHandler {
        private final ByteSource source;

        SourceHandler(String contentType, ByteSource source) {
            super(new LeafNode.SourceDataSource(contentType, source));
            this.source = source;
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            try (InputStream in = source.open()) {
                in.transferTo(os);
            }
        }
    }
}
