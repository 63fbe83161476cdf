package org.cdimail.impl.mime;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

/**
 * A {@code message/rfc822} part. The enclosed message is never base64-encoded: its own parts
 * carry their encodings, and this part declares 7bit, 8bit or binary to match them.
 */
final class MessageNode implements MimeNode {

    private static final String TYPE = "message/rfc822";

    private final DataHandler content;
    private final String encoding;

    private MessageNode(DataHandler content, String encoding) {
        this.content = content;
        this.encoding = encoding;
    }

    /** Another rendered message, written directly (its files streamed) when this one is written. */
    static MessageNode of(MimeMessage message, String innerEncoding) {
        return new MessageNode(new MessageHandler(message), innerEncoding);
    }

    /** A complete message given as bytes; its line breaks become CRLF. */
    static MessageNode of(byte[] rfc822) throws IOException {
        ByteSource source = ByteSource.of(rfc822).withCrlf();
        ContentStats stats = source.stats();
        String encoding = stats.nul() || stats.longestLine() > TransferEncodings.MAX_LINE ? "binary"
                : stats.eightBit() ? "8bit" : "7bit";
        return new MessageNode(new DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                source.open().readAllBytes(), TYPE)), encoding);
    }

    @Override
    public String contentType() {
        return TYPE;
    }

    @Override
    public String transferEncoding() {
        return encoding;
    }

    @Override
    public void applyTo(MimePart part) throws MessagingException {
        part.setDataHandler(content);
        part.setHeader("Content-Type", TYPE);
        part.setHeader("Content-Transfer-Encoding", encoding);
        part.setHeader("Content-Disposition", "attachment");
    }

    private static final class MessageHandler extends DataHandler {
        private final MimeMessage message;

        MessageHandler(MimeMessage message) {
            super(message, TYPE);
            this.message = message;
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            try {
                message.writeTo(os);
            } catch (MessagingException e) {
                throw new IOException("CDIMAIL-00109: cannot write an attached message", e);
            }
        }
    }
}
