package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.NO_ENCODER;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

/**
 * Chooses a readable Content-Transfer-Encoding, as Django does: 7bit for ASCII, 8bit for other
 * text whose lines fit in 998 octets, and otherwise quoted-printable or base64, whichever is
 * shorter (sizes computed exactly by encoding into a counter; ties go to the more readable
 * quoted-printable).
 */
final class TransferEncodings {

    /** RFC 5322 section 2.1.1: at most 998 octets per line, CRLF excluded. */
    static final int MAX_LINE = 998;

    /** The chosen encoding; {@code binaryQuotedPrintable} when CR and LF must be encoded too. */
    record Choice(String encoding, boolean binaryQuotedPrintable) {
    }

    private TransferEncodings() {
    }

    /** For text with CRLF line breaks only: line breaks stay line breaks. */
    static Choice forText(ByteSource source) throws IOException {
        ContentStats stats = source.stats();
        if (!stats.nul() && stats.longestLine() <= MAX_LINE) {
            return new Choice(stats.eightBit() ? "8bit" : "7bit", false);
        }
        long base64 = base64Size(stats.size());
        if (quotedPrintableAtLeast(stats.size(), stats.escapes()) > base64) {
            return new Choice("base64", false); // no need to encode it to know
        }
        long qp = encodedSize(source, out -> MimeUtility.encode(out, "quoted-printable"), base64);
        return qp <= base64 ? new Choice("quoted-printable", false) : new Choice("base64", false);
    }

    /** For bytes that must arrive unchanged, line breaks included. */
    static Choice forBinary(ByteSource source) throws IOException {
        ContentStats stats = source.stats();
        if (!stats.eightBit() && !stats.nul() && !stats.bareLineBreak() && stats.longestLine() <= MAX_LINE) {
            return new Choice("7bit", false);
        }
        long base64 = base64Size(stats.size());
        if (quotedPrintableAtLeast(stats.size(), stats.escapes() + stats.lineBreakBytes()) > base64) {
            return new Choice("base64", false); // images, archives, PDFs: decided without encoding them
        }
        long qp = encodedSize(source, BinaryQuotedPrintableOutputStream::new, base64);
        return qp <= base64 ? new Choice("quoted-printable", true) : new Choice("base64", false);
    }

    /** A lower bound of the quoted-printable size: every escaped byte takes three characters, soft breaks add more. */
    static long quotedPrintableAtLeast(long size, long escapes) {
        return size + 2 * escapes;
    }

    /**
     * The size of base64 as Jakarta Mail writes a part: a CRLF after every full line of 76
     * characters, none after a last, shorter line (the multipart boundary adds it).
     */
    static long base64Size(long size) {
        long chars = (size + 2) / 3 * 4;
        long breaks = chars / 76;
        return chars + 2 * breaks;
    }

    interface Encoder {
        OutputStream wrap(OutputStream out) throws IOException, MessagingException;
    }

    /** Encodes into a counter, giving up once {@code limit} is exceeded (the other encoding wins then). */
    static long encodedSize(ByteSource source, Encoder encoder, long limit) throws IOException {
        CountingOutputStream counter = new CountingOutputStream();
        try (InputStream in = source.open()) {
            OutputStream encoding = encoder.wrap(counter);
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                encoding.write(buffer, 0, n);
                if (counter.count() > limit) {
                    return Long.MAX_VALUE;
                }
            }
            if (encoding instanceof BinaryQuotedPrintableOutputStream qp) {
                qp.finish();
            } else {
                encoding.flush();
            }
        } catch (MessagingException e) {
            throw new IOException(NO_ENCODER.message("no encoder available"), e);
        }
        return counter.count();
    }
}
