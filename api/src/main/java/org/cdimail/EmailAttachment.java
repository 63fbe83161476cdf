package org.cdimail;

import static org.cdimail.ApiError.BAD_ATTACHMENT_MIMETYPE;
import static org.cdimail.ApiError.MISSING_ATTACHMENT_CONTENT;
import static org.cdimail.ApiError.UNKNOWN_ATTACHMENT_CHARSET;
import static org.cdimail.ApiError.UNREADABLE_ATTACHMENT_FILE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One attachment of an {@link EmailMessage}: Django's {@code EmailAttachment(filename, content,
 * mimetype)}, plus files that are streamed, attached messages ({@code message/rfc822}) and inline
 * parts with a {@code Content-ID}.
 *
 * <p>Instances are immutable. Create them with the static factories:
 * <ul>
 * <li>{@link #of(String, String, String)}: text content;</li>
 * <li>{@link #of(String, byte[], String)}: bytes. Bytes with a {@code text/*} type are decoded
 * (with the type's {@code charset} parameter, or UTF-8); bytes that are not valid in that charset
 * become {@code application/octet-stream}, unchanged, as Django does;</li>
 * <li>{@link #fromFile(Path, String)}: a file, read when the message is rendered and never held
 * in memory whole;</li>
 * <li>{@link #message(EmailMessage)} and {@link #message(byte[])}: a {@code message/rfc822}
 * part.</li>
 * </ul>
 * When the MIME type is {@code null} it is guessed from the file name, falling back to
 * {@code application/octet-stream}. {@link #inline(String)} turns any attachment into an inline
 * part that HTML can reference as {@code cid:<id>}.
 */
public final class EmailAttachment {

    /** Where the attachment's content comes from. */
    public enum Source {
        /** Text, encoded with the message charset when rendered. */
        TEXT,
        /** Bytes, sent unchanged. */
        BYTES,
        /** A file, streamed when the message is rendered. */
        FILE,
        /** Another {@link EmailMessage}, rendered as {@code message/rfc822}. */
        MESSAGE,
        /** A complete RFC 5322 message given as bytes, attached as {@code message/rfc822}. */
        RFC822_BYTES
    }

    /** The {@code Content-Disposition} of a part. */
    public enum Disposition {
        /** Shown as a separate attachment. */
        ATTACHMENT,
        /** Shown inside the message, typically referenced from HTML by its {@code Content-ID}. */
        INLINE
    }

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String RFC822 = "message/rfc822";

    private final Source source;
    private final String filename;
    private final String mimetype;
    private final String text;
    private final byte[] bytes;
    private final Path path;
    private final EmailMessage message;
    private final Disposition disposition;
    private final String contentId;

    private EmailAttachment(Source source, String filename, String mimetype, String text, byte[] bytes, Path path,
            EmailMessage message, Disposition disposition, String contentId) {
        this.source = source;
        this.filename = HeaderRules.checkNoControls("attachment filename", filename);
        this.mimetype = HeaderRules.checkValue("Content-Type", mimetype);
        this.text = text;
        this.bytes = bytes;
        this.path = path;
        this.message = message;
        this.disposition = disposition;
        this.contentId = HeaderRules.checkContentId(contentId);
        if (mimetype.indexOf('/') < 1) {
            throw new IllegalArgumentException(
                    BAD_ATTACHMENT_MIMETYPE.message("attachment mimetype must be a type/subtype"));
        }
    }

    /**
     * A text attachment.
     *
     * @param filename the file name shown to the recipient, or {@code null} for none
     * @param content  the text; must not be {@code null}
     * @param mimetype the MIME type, or {@code null} to guess it from the file name
     * @return the attachment
     * @throws BadHeaderException       if the file name contains a line break or another control character
     * @throws IllegalArgumentException if content is {@code null}
     */
    public static EmailAttachment of(String filename, String content, String mimetype) {
        requireContent(content);
        return new EmailAttachment(Source.TEXT, filename, typeOrGuess(filename, mimetype), content, null, null, null,
                Disposition.ATTACHMENT, null);
    }

    /**
     * A binary attachment. Bytes given with a {@code text/*} type are decoded with the type's
     * {@code charset} parameter (UTF-8 when absent) and treated as text; when they are not valid
     * in that charset the attachment becomes {@code application/octet-stream} and the bytes are
     * kept unchanged (Django's rule).
     *
     * @param filename the file name shown to the recipient, or {@code null} for none
     * @param content  the bytes, copied; must not be {@code null}
     * @param mimetype the MIME type, or {@code null} to guess it from the file name
     * @return the attachment
     */
    public static EmailAttachment of(String filename, byte[] content, String mimetype) {
        requireContent(content);
        String type = typeOrGuess(filename, mimetype);
        if (type.toLowerCase(Locale.ROOT).startsWith("text/")) {
            Optional<String> decoded = decodeStrictly(content, charsetOf(type));
            if (decoded.isPresent()) {
                return new EmailAttachment(Source.TEXT, filename, type, decoded.get(), null, null, null,
                        Disposition.ATTACHMENT, null);
            }
            type = OCTET_STREAM;
        }
        return new EmailAttachment(Source.BYTES, filename, type, null, content.clone(), null, null,
                Disposition.ATTACHMENT, null);
    }

    /**
     * A file attachment: Django's {@code attach_file}. The file is checked to be a readable
     * regular file now, and read (streamed) only when the message is rendered.
     *
     * @param path     the file; its name is the attachment's file name
     * @param mimetype the MIME type, or {@code null} to guess it from the file name
     * @return the attachment
     * @throws UncheckedIOException if the file is not a readable regular file
     */
    public static EmailAttachment fromFile(Path path, String mimetype) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UncheckedIOException(new IOException(UNREADABLE_ATTACHMENT_FILE.message("not a readable file: "
                    + path)));
        }
        Path name = path.getFileName();
        String filename = name == null ? null : name.toString();
        return new EmailAttachment(Source.FILE, filename, typeOrGuess(filename, mimetype), null, null, path, null,
                Disposition.ATTACHMENT, null);
    }

    /**
     * Another message, attached as {@code message/rfc822}.
     *
     * @param message the message to attach
     * @return the attachment
     */
    public static EmailAttachment message(EmailMessage message) {
        Objects.requireNonNull(message, "message");
        return new EmailAttachment(Source.MESSAGE, null, RFC822, null, null, null, message, Disposition.ATTACHMENT,
                null);
    }

    /**
     * A complete RFC 5322 message given as bytes, attached as {@code message/rfc822} unchanged.
     *
     * @param rfc822 the message bytes, copied
     * @return the attachment
     */
    public static EmailAttachment message(byte[] rfc822) {
        requireContent(rfc822);
        return new EmailAttachment(Source.RFC822_BYTES, null, RFC822, null, rfc822.clone(), null, null,
                Disposition.ATTACHMENT, null);
    }

    /**
     * This attachment as an inline part with the given {@code Content-ID}, for HTML that
     * references it as {@code cid:contentId}. A message whose HTML has inline parts is rendered
     * with a {@code multipart/related} part.
     *
     * @param contentId the content id, for example {@code logo}; one pair of surrounding angle
     *                  brackets is removed ({@code <logo>} is {@code logo}); what remains must be
     *                  printable US-ASCII, since it is written as is in a structured header
     * @return a copy of this attachment, inline
     * @throws BadHeaderException if the content id is blank, or holds anything but printable
     *                            US-ASCII: a line break, white space, a control character, a
     *                            character beyond ASCII or an angle bracket (once the surrounding
     *                            pair is removed)
     */
    public EmailAttachment inline(String contentId) {
        Objects.requireNonNull(contentId, "contentId");
        return new EmailAttachment(source, filename, mimetype, text, bytes, path, message, Disposition.INLINE,
                contentId);
    }

    private static void requireContent(Object content) {
        if (content == null) {
            throw new IllegalArgumentException(MISSING_ATTACHMENT_CONTENT.message("attachment content is required"));
        }
    }

    private static String typeOrGuess(String filename, String mimetype) {
        if (mimetype != null && !mimetype.isBlank()) {
            return mimetype;
        }
        return filename == null ? OCTET_STREAM : MimeTypes.guess(filename).orElse(OCTET_STREAM);
    }

    private static Charset charsetOf(String mimetype) {
        for (String param : mimetype.split(";")) {
            String[] kv = param.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(kv[1].trim().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new IllegalArgumentException(
                            UNKNOWN_ATTACHMENT_CHARSET.message("unknown charset in attachment mimetype"), e);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Optional<String> decodeStrictly(byte[] content, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the content comes from.
     *
     * @return the source kind
     */
    public Source source() {
        return source;
    }

    /**
     * The file name shown to the recipient.
     *
     * @return the file name, if any
     */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /**
     * The MIME type: as given, guessed from the file name, or {@code application/octet-stream}.
     *
     * @return the MIME type, never {@code null}
     */
    public String mimetype() {
        return mimetype;
    }

    /**
     * The content disposition.
     *
     * @return {@link Disposition#ATTACHMENT} unless made {@link #inline(String) inline}
     */
    public Disposition disposition() {
        return disposition;
    }

    /**
     * The content id of an inline part, without angle brackets.
     *
     * @return the content id, if any
     */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /**
     * The text content, for {@link Source#TEXT}.
     *
     * @return the text, if this is a text attachment
     */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /**
     * The file, for {@link Source#FILE}.
     *
     * @return the path, if this is a file attachment
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * The attached message, for {@link Source#MESSAGE}.
     *
     * @return the message, if this attaches an {@link EmailMessage}
     */
    public Optional<EmailMessage> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The raw bytes, for {@link Source#BYTES} and {@link Source#RFC822_BYTES}.
     *
     * @return a copy of the bytes, if the content was given as bytes
     */
    public Optional<byte[]> bytes() {
        return Optional.ofNullable(bytes).map(byte[]::clone);
    }

    /**
     * Opens the content as a stream of bytes: text is encoded as UTF-8, a file is opened, an
     * attached {@link EmailMessage} is rendered. The caller closes the stream.
     *
     * @return a new stream over the content
     * @throws UncheckedIOException if a file cannot be opened
     */
    public InputStream openStream() {
        try {
            return switch (source) {
                case TEXT -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                case BYTES, RFC822_BYTES -> new ByteArrayInputStream(bytes);
                case FILE -> Files.newInputStream(path);
                case MESSAGE -> new ByteArrayInputStream(message.toBytes());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EmailAttachment[" + source + ", " + mimetype + (filename == null ? "" : ", " + filename)
                + (contentId == null ? "" : ", cid:" + contentId) + "]";
    }
}
