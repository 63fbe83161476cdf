package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.READ_ONLY_PART;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;

/**
 * A part with content: text already in its wire form (charset-encoded, CRLF line breaks) or
 * bytes, read from its {@link ByteSource} only when the message is written.
 */
final class LeafNode implements MimeNode {

    private final String contentType;
    private final ByteSource source;
    private final String encoding;
    private final boolean binaryQuotedPrintable;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private LeafNode(String contentType, ByteSource source, TransferEncodings.Choice choice) {
        this.contentType = contentType;
        this.source = source;
        this.encoding = choice.encoding();
        this.binaryQuotedPrintable = choice.binaryQuotedPrintable();
    }

    /** A text part; {@code source} must already have CRLF line breaks. */
    static LeafNode text(String contentType, ByteSource source) throws IOException {
        return new LeafNode(contentType, source, TransferEncodings.forText(source));
    }

    /** A part whose bytes must arrive unchanged. */
    static LeafNode binary(String contentType, ByteSource source) throws IOException {
        return new LeafNode(contentType, source, TransferEncodings.forBinary(source));
    }

    LeafNode header(String name, String value) {
        headers.put(name, value);
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
        DataSource data = new SourceDataSource(contentType, source);
        // Binary quoted-printable is written by PreencodedMimeBodyPart as is (see MimeRenderer).
        part.setDataHandler(binaryQuotedPrintable ? new BinaryQuotedPrintableHandler(data) : new DataHandler(data));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Transfer-Encoding", encoding);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            part.setHeader(header.getKey(), header.getValue());
        }
    }

    boolean preencoded() {
        return binaryQuotedPrintable;
    }

    /** Streams the source, opened anew at each read; the component name implements {@link DataSource#getContentType()}. */
    record SourceDataSource(String getContentType, ByteSource source) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return source.open();
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException(READ_ONLY_PART.message("a rendered part is read-only"));
        }

        @Override
        public String getName() {
            return "cdi-mail part";
        }
    }

    /** Writes the raw bytes through {@link BinaryQuotedPrintableOutputStream}. */
    private static final class BinaryQuotedPrintableHandler extends DataHandler {
        BinaryQuotedPrintableHandler(DataSource data) {
            super(data);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            BinaryQuotedPrintableOutputStream encoder = new BinaryQuotedPrintableOutputStream(os);
            try (InputStream in = getDataSource().getInputStream()) {
                in.transferTo(encoder);
            }
            encoder.finish();
        }
    }
}
