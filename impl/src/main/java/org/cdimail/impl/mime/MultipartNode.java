package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.MULTIPART_NOT_WRITTEN;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.PreencodedMimeBodyPart;

/** A {@code multipart/*} node: mixed, alternative or related. */
final class MultipartNode implements MimeNode {

    private final MimeMultipart multipart;
    private final String encoding;

    MultipartNode(String subtype, List<MimeNode> children) throws MessagingException {
        this.multipart = new MimeMultipart(subtype);
        String widest = "7bit";
        for (MimeNode child : children) {
            MimeBodyPart part = child instanceof LeafNode leaf && leaf.preencoded()
                    ? new PreencodedMimeBodyPart("quoted-printable") : new MimeBodyPart();
            child.applyTo(part);
            multipart.addBodyPart(part);
            widest = MimeNode.widest(widest, child.transferEncoding());
        }
        this.encoding = widest;
    }

    @Override
    public String contentType() {
        return multipart.getContentType();
    }

    @Override
    public String transferEncoding() {
        return encoding;
    }

    @Override
    public void applyTo(MimePart part) throws MessagingException {
        part.setDataHandler(new MultipartHandler(multipart));
        part.setHeader("Content-Type", multipart.getContentType());
    }

    /**
     * Writes the multipart directly, so that rendering does not depend on a mailcap entry being
     * visible to the activation framework (class loaders differ between servers).
     */
    static final class MultipartHandler extends DataHandler {
        private final MimeMultipart multipart;

        MultipartHandler(MimeMultipart multipart) {
            super(multipart, multipart.getContentType());
            this.multipart = multipart;
        }

        /** The multipart written, whose body parts {@link HeaderBytes} checks. */
        MimeMultipart multipart() {
            return multipart;
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            try {
                multipart.writeTo(os);
            } catch (MessagingException e) {
                throw new IOException(MULTIPART_NOT_WRITTEN.message("cannot write a multipart"), e);
            }
        }
    }
}
