package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.BAD_CONTENT_TYPE;
import static org.cdimail.impl.ImplError.MULTIPART_PART_TYPE;
import static org.cdimail.impl.ImplError.NOT_A_LEAF_ATTACHMENT;
import static org.cdimail.impl.ImplError.UNSUPPORTED_MIME_CHARSET;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailAlternative;
import org.cdimail.EmailAttachment;

/** Makes the leaf parts: the body, alternatives and attachments, each with its charset and encoding. */
final class Parts {

    private static final String OCTET_STREAM = "application/octet-stream";

    private Parts() {
    }

    /** The body or a text alternative: CRLF line breaks and, as in Django, a final line break. */
    static LeafNode bodyText(String text, String mimetype, Charset charset) throws IOException {
        String wire = crlf(text);
        if (!wire.endsWith("\r\n")) {
            wire += "\r\n";
        }
        return textLeaf(mimetype, wire, charset, List.of());
    }

    /** An alternative; like an attachment, a {@code message/*} one is never encoded and a {@code multipart/*} one is refused. */
    static MimeNode alternative(EmailAlternative alternative, Charset charset) throws IOException {
        MediaType type = MediaType.parse(alternative.mimetype());
        if (type.baseType().startsWith("multipart/")) {
            throw new IllegalArgumentException(
                    MULTIPART_PART_TYPE.message("an alternative cannot have a multipart/* type"));
        }
        if (type.baseType().startsWith("message/")) {
            return messageOrBytes(type, List.of(), ByteSource.of(alternative.bytes()), "inline");
        }
        if (alternative.isText() && type.isText()) {
            return bodyText(alternative.text(), alternative.mimetype(), charset);
        }
        return LeafNode.binary(type.format(List.of()), ByteSource.of(alternative.bytes()));
    }

    /**
     * An attachment or inline part given as text, bytes or a file, with its disposition headers.
     * A {@code message/*} type becomes a message part (never base64, as RFC 2046 requires); a
     * {@code multipart/*} type is refused, since its boundary could not match the content.
     */
    static MimeNode attachment(EmailAttachment attachment, Charset charset) throws IOException {
        String filename = attachment.filename().orElse(null);
        List<String> nameParameter = filename == null ? List.of()
                : List.of(HeaderValues.fileNameParameter("name", filename));
        MediaType type = MediaType.parse(attachment.mimetype());
        if (type.baseType().startsWith("multipart/")) {
            throw new IllegalArgumentException(
                    MULTIPART_PART_TYPE.message("an attachment cannot have a multipart/* type"));
        }
        if (type.baseType().startsWith("message/")) {
            ByteSource source = switch (attachment.source()) {
                case TEXT -> ByteSource.of(attachment.text().orElseThrow().getBytes(StandardCharsets.UTF_8));
                case FILE -> ByteSource.of(attachment.path().orElseThrow());
                default -> ByteSource.of(attachment.bytes().orElseThrow());
            };
            return messageOrBytes(type, nameParameter, source, disposition(attachment));
        }
        LeafNode leaf = switch (attachment.source()) {
            case TEXT -> textLeaf(attachment.mimetype(), crlf(attachment.text().orElseThrow()),
                    MediaType.parse(attachment.mimetype()).charset().orElse(charset), nameParameter);
            case BYTES -> binaryLeaf(attachment.mimetype(), ByteSource.of(attachment.bytes().orElseThrow()),
                    nameParameter);
            case FILE -> fileLeaf(attachment.mimetype(), attachment.path().orElseThrow(), nameParameter);
            default -> throw new IllegalArgumentException(NOT_A_LEAF_ATTACHMENT.message("not a leaf attachment: "
                    + attachment.source()));
        };
        return leaf.header("Content-Disposition", disposition(attachment));
    }

    /**
     * A {@code message/*} part, 7bit or 8bit; or, when the bytes have a NUL or a line over 998
     * octets, which no RFC 5322 message holds and which RFC 2046 would allow only as
     * {@code binary} (needing BINARYMIME), an {@code application/octet-stream} part encoded as any
     * other bytes, so that they still arrive unchanged.
     */
    private static MimeNode messageOrBytes(MediaType type, List<String> nameParameter, ByteSource source,
            String disposition) throws IOException {
        ContentStats stats = source.stats();
        if (stats.nul() || stats.longestLine() > TransferEncodings.MAX_LINE) {
            return binaryLeaf(OCTET_STREAM, source, nameParameter).header("Content-Disposition", disposition);
        }
        return MessageNode.of(type.format(nameParameter), source, stats.eightBit() ? "8bit" : "7bit", disposition);
    }

    static String disposition(EmailAttachment attachment) {
        String kind = attachment.disposition() == EmailAttachment.Disposition.INLINE ? "inline" : "attachment";
        List<String> parameters = attachment.filename()
                .map(name -> List.of(HeaderValues.fileNameParameter("filename", name))).orElse(List.of());
        return HeaderValues.withParameters("Content-Disposition", kind, parameters);
    }

    private static LeafNode textLeaf(String mimetype, String wireText, Charset preferred, List<String> extra)
            throws IOException {
        Charset charset = HeaderValues.usable(preferred, wireText);
        List<String> parameters = new ArrayList<>();
        parameters.add("charset=" + HeaderValues.quote(HeaderValues.mimeName(charset)));
        parameters.addAll(extra);
        String contentType = MediaType.parse(mimetype).format(parameters);
        return LeafNode.text(contentType, ByteSource.of(wireText.getBytes(charset)));
    }

    private static LeafNode binaryLeaf(String mimetype, ByteSource source, List<String> extra) throws IOException {
        return LeafNode.binary(MediaType.parse(mimetype).format(extra), source);
    }

    /**
     * A file, streamed. A text file valid in its charset (the type's charset, else UTF-8) is sent
     * as text in that charset; any other file as bytes, a text type then becoming
     * {@code application/octet-stream} as for bytes given directly.
     */
    private static LeafNode fileLeaf(String mimetype, Path path, List<String> extra) throws IOException {
        MediaType type = MediaType.parse(mimetype);
        ByteSource file = ByteSource.of(path);
        if (!type.isText()) {
            return binaryLeaf(mimetype, file, extra);
        }
        Charset charset = type.charset().orElse(StandardCharsets.UTF_8);
        if (!validIn(file, charset)) {
            return binaryLeaf(OCTET_STREAM, file, extra);
        }
        List<String> parameters = new ArrayList<>();
        parameters.add("charset=" + HeaderValues.quote(HeaderValues.mimeName(charset)));
        parameters.addAll(extra);
        return LeafNode.text(type.format(parameters), file.withCrlf());
    }

    private static boolean validIn(ByteSource source, Charset charset) throws IOException {
        char[] buffer = new char[16 * 1024];
        try (InputStream in = source.open();
             Reader reader = new InputStreamReader(in, charset.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT)
                     .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            while (reader.read(buffer) >= 0) {
                // Decoding is the check.
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every line break (CRLF, CR or LF) as CRLF. A loop, not a regular expression: it runs for every message sent. */
    static String crlf(String text) {
        int length = text.length();
        int first = 0;
        while (first < length) {
            char c = text.charAt(first);
            if (c == '\n' || (c == '\r' && (first + 1 == length || text.charAt(first + 1) != '\n'))) {
                break;
            }
            first += c == '\r' ? 2 : 1;
        }
        if (first >= length) {
            return text; // already CRLF throughout
        }
        StringBuilder out = new StringBuilder(length + length / 32 + 2);
        int run = 0; // start of the text not yet copied
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append(text, run, i).append("\r\n");
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                run = i + 1;
            }
        }
        out.append(text, run, length);
        return out.toString();
    }

    /** A parsed MIME type: its base type and parameters, re-formatted without a charset or name given by us. */
    record MediaType(String baseType, ParameterList parameters) {

        static MediaType parse(String mimetype) {
            try {
                ContentType type = new ContentType(mimetype);
                ParameterList parameters = type.getParameterList();
                if (!HeaderValues.isToken(type.getPrimaryType()) || !HeaderValues.isToken(type.getSubType())) {
                    throw new BadHeaderException("Content-Type", "a MIME type and subtype must be tokens (RFC 2045)");
                }
                return new MediaType(type.getBaseType().toLowerCase(Locale.ROOT),
                        parameters == null ? new ParameterList() : parameters);
            } catch (ParseException e) {
                throw new IllegalArgumentException(
                        BAD_CONTENT_TYPE.message("the MIME type for header 'Content-Type' does not parse"
                        + " (RFC 2045)"));
            }
        }

        boolean isText() {
            return baseType.startsWith("text/");
        }

        Optional<Charset> charset() {
            String name = parameters.get("charset");
            if (name == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Charset.forName(name));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IllegalArgumentException(
                        UNSUPPORTED_MIME_CHARSET.message("a MIME type names an unsupported charset"));
            }
        }

        /**
         * The type with its own parameters (except charset and name, which we set) and then
         * {@code extra}; parameter values beyond printable ASCII are RFC 2231 encoded.
         *
         * @throws BadHeaderException naming {@code Content-Type} if a parameter name is not a token
         *                            or a value holds a control character or line break
         */
        String format(List<String> extra) {
            List<String> all = new ArrayList<>();
            for (Enumeration<String> names = parameters.getNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                if (!name.equalsIgnoreCase("charset") && !name.equalsIgnoreCase("name")) {
                    all.add(HeaderValues.typeParameter(name, parameters.get(name)));
                }
            }
            all.addAll(extra);
            return HeaderValues.withParameters("Content-Type", baseType, all);
        }
    }
}
