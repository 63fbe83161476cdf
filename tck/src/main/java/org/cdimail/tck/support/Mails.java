package org.cdimail.tck.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.tck.spi.DeliveredMail;

/**
 * Reads the parts of a delivered message that tests compare. Every failure to parse is a test
 * failure, so checked exceptions become unchecked ones here.
 */
public final class Mails {

    private Mails() {
    }

    /**
     * The decoded {@code Subject}.
     *
     * @param mail the message
     * @return the subject, or {@code null} when absent
     */
    public static String subject(DeliveredMail mail) {
        try {
            return mail.message().getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The raw values of a header, unfolded but not decoded.
     *
     * @param mail the message
     * @param name the header name
     * @return the values, empty when absent
     */
    public static List<String> header(DeliveredMail mail, String name) {
        try {
            String[] values = mail.message().getHeader(name);
            return values == null ? List.of() : Arrays.stream(values).map(MimeUtility::unfold).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The addresses of an address header, decoded ({@code "Name <addr>"} or {@code "addr"}).
     *
     * @param mail the message
     * @param name the header name, for example {@code To}
     * @return the addresses, empty when absent
     */
    public static List<InternetAddress> addresses(DeliveredMail mail, String name) {
        try {
            String value = mail.message().getHeader(name, ",");
            if (value == null) {
                return List.of();
            }
            Address[] parsed = InternetAddress.parseHeader(MimeUtility.unfold(value), false);
            return Arrays.stream(parsed).map(InternetAddress.class::cast).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bare addresses of an address header.
     *
     * @param mail the message
     * @param name the header name
     * @return the addr-specs
     */
    public static List<String> addrSpecs(DeliveredMail mail, String name) {
        return addresses(mail, name).stream().map(InternetAddress::getAddress).toList();
    }

    /**
     * The bare address of the {@code From} header.
     *
     * @param mail the message
     * @return the addr-spec
     */
    public static String fromAddress(DeliveredMail mail) {
        return addrSpecs(mail, "From").stream().findFirst().orElseThrow(() -> new AssertionError("no From header"));
    }

    /**
     * The text of the first part whose type is {@code mimeType} (for example
     * {@code text/plain}), searching the whole MIME tree, attachments excluded.
     *
     * @param mail     the message
     * @param mimeType the base type
     * @return the decoded text, if such a part exists
     */
    public static Optional<String> text(DeliveredMail mail, String mimeType) {
        return leaves(mail).stream()
                .filter(p -> isType(p, mimeType) && !isAttachment(p))
                .findFirst()
                .map(Mails::content);
    }

    /**
     * The plain-text body.
     *
     * @param mail the message
     * @return the text of the first {@code text/plain} part that is not an attachment
     * @throws AssertionError if there is none
     */
    public static String body(DeliveredMail mail) {
        return text(mail, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
    }

    /**
     * Every part that is not a multipart, in document order (the message itself when it is not
     * multipart).
     *
     * @param mail the message
     * @return the leaf parts
     */
    public static List<Part> leaves(DeliveredMail mail) {
        List<Part> leaves = new ArrayList<>();
        collect(mail.message(), leaves);
        return leaves;
    }

    /**
     * The attachment parts (disposition {@code attachment}, or a file name).
     *
     * @param mail the message
     * @return the attachments, in order
     */
    public static List<Part> attachments(DeliveredMail mail) {
        return leaves(mail).stream().filter(Mails::isAttachment).toList();
    }

    /**
     * The base content type of a part, lower case, without parameters.
     *
     * @param part the part
     * @return for example {@code multipart/alternative}
     */
    public static String baseType(Part part) {
        try {
            return part.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The MIME structure as a compact string, for example
     * {@code multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)}.
     *
     * @param mail the message
     * @return the structure
     */
    public static String structure(DeliveredMail mail) {
        return structure(mail.message());
    }

    /**
     * The decoded content of a part as text (UTF-8 for byte content).
     *
     * @param part the part
     * @return the text
     */
    public static String content(Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            return new String(bytes(part), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The decoded bytes of a part.
     *
     * @param part the part
     * @return the bytes
     */
    public static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The decoded file name of a part.
     *
     * @param part the part
     * @return the file name, or {@code null}
     */
    public static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String structure(Part part) {
        try {
            if (part.getContent() instanceof Multipart multipart) {
                List<String> children = new ArrayList<>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    children.add(structure(multipart.getBodyPart(i)));
                }
                return baseType(part) + "(" + String.join(",", children) + ")";
            }
            return baseType(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, List<Part> leaves) {
        try {
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), leaves);
                }
            } else {
                leaves.add(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isType(Part part, String mimeType) {
        return baseType(part).equals(mimeType);
    }

    private static boolean isAttachment(Part part) {
        try {
            return !(part instanceof MimeMessage)
                    && (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
