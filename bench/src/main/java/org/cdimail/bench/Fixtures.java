package org.cdimail.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.cdimail.EmailMessage;

/**
 * The messages every measurement sends or renders, each available as an {@link EmailMessage} and
 * as the equivalent message built directly with Jakarta Mail (same headers, same parts), so that
 * the two sides do the same work.
 */
final class Fixtures {

    static final String FROM = "sender@example.com";
    static final String TO = "recipient@example.com";
    /** About 1 KB of ASCII text in lines of 64 characters. */
    static final String BODY_1K = text(1024);
    static final String HTML = "<html><body><h1>Hello</h1><p>" + text(1536).replace("\n", "</p>\n<p>")
            + "</p></body></html>";
    static final Attachment[] ATTACHMENTS = {
        new Attachment("notes.txt", text(2048).getBytes(StandardCharsets.US_ASCII), "text/plain"),
        new Attachment("logo.png", bytes(8 * 1024, 7), "image/png"),
        new Attachment("report.pdf", bytes(16 * 1024, 13), "application/pdf"),
    };

    private Fixtures() {
    }

    record Attachment(String name, byte[] content, String type) {
    }

    /** The 1 KB plain message number {@code i}. */
    static EmailMessage plain(int i) {
        return EmailMessage.builder().subject("Message " + i).body(BODY_1K).from(FROM).to(TO).build();
    }

    static List<EmailMessage> plainBatch(int count) {
        List<EmailMessage> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(plain(i));
        }
        return batch;
    }

    static EmailMessage html() {
        return EmailMessage.builder().subject("Text and HTML").body(BODY_1K).from(FROM).to(TO)
                .attachAlternative(HTML, "text/html").build();
    }

    static EmailMessage withAttachments() {
        EmailMessage.Builder builder = EmailMessage.builder().subject("Three attachments").body(BODY_1K).from(FROM)
                .to(TO);
        for (Attachment attachment : ATTACHMENTS) {
            builder.attach(attachment.name(), attachment.content(), attachment.type());
        }
        return builder.build();
    }

    /** A session for messages built by hand, as an application using Jakarta Mail directly would have. */
    static Session session(String host, int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        return Session.getInstance(properties);
    }

    /** {@link #plain(int)} built with Jakarta Mail. */
    static MimeMessage rawPlain(Session session, int i) throws MessagingException {
        MimeMessage message = headers(session, "Message " + i);
        message.setText(BODY_1K, "utf-8");
        message.saveChanges();
        return message;
    }

    /** {@link #html()} built with Jakarta Mail. */
    static MimeMessage rawHtml(Session session) throws MessagingException {
        MimeMessage message = headers(session, "Text and HTML");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(BODY_1K, "utf-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(HTML, "utf-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    /** {@link #withAttachments()} built with Jakarta Mail. */
    static MimeMessage rawWithAttachments(Session session) throws MessagingException {
        MimeMessage message = headers(session, "Three attachments");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(BODY_1K, "utf-8");
        mixed.addBodyPart(text);
        for (Attachment attachment : ATTACHMENTS) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.type())));
            part.setFileName(attachment.name());
            part.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    private static MimeMessage headers(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(FROM));
        message.setRecipient(RecipientType.TO, new InternetAddress(TO));
        message.setSubject(subject, "utf-8");
        message.setSentDate(new Date());
        return message;
    }

    private static String text(int size) {
        StringBuilder text = new StringBuilder(size);
        String line = "The quick brown fox jumps over the lazy dog, again and again 0123";
        while (text.length() + line.length() + 1 <= size) {
            text.append(line).append('\n');
        }
        while (text.length() < size) {
            text.append('.');
        }
        return text.toString();
    }

    /** Deterministic bytes that do not compress to nothing, as an image or a PDF would. */
    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        int x = seed;
        for (int i = 0; i < size; i++) {
            x = x * 1103515245 + 12345;
            bytes[i] = (byte) (x >>> 16);
        }
        return bytes;
    }
}
