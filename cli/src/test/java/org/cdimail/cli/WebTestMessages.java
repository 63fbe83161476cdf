package org.cdimail.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.imageio.ImageIO;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** The messages the web view's tests send to the debug server, over SMTP with Jakarta Mail. */
final class WebTestMessages {

    /** A 96×32 PNG: the inline logo of {@link #sendNewsletter}. */
    static final byte[] LOGO = png(96, 32);

    /** A small PDF-looking attachment, with every byte value so that a wrong decoding shows. */
    static final byte[] PDF = pdf();

    private WebTestMessages() {
    }

    /**
     * Sends an HTML newsletter with a text alternative, the {@link #LOGO} inline (referenced by
     * {@code cid:logo}) and {@link #PDF} attached as {@code report.pdf}.
     *
     * @param port    the debug server's SMTP port
     * @param subject the subject
     * @throws MessagingException if sending fails
     */
    static void sendNewsletter(int port, String subject) throws MessagingException {
        MimeMessage message = message(port, subject);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello Ada,\n\nThe quarterly report is attached.\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<html><body style=\"margin:0;font-family:Helvetica,Arial,sans-serif;background:#f3f5f7\">"
                + "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:24px\">"
                + "<table width=\"560\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#fff;border-radius:8px\">"
                + "<tr><td style=\"padding:20px 32px;border-bottom:1px solid #e6e9ed\">"
                + "<img id=\"logo\" src=\"cid:logo\" alt=\"Example Corp\" width=\"96\" height=\"32\"></td></tr>"
                + "<tr><td style=\"padding:8px 32px 24px;color:#1d2733;line-height:1.5\">"
                + "<h1 style=\"font-size:22px;color:#2f6f9f\">Quarterly report</h1>"
                + "<p>Hello Ada,</p><p>The <b>quarterly report</b> is attached: revenue is up 12&nbsp;% and the new"
                + " office in Köln opens in March.</p>"
                + "<p><a href=\"https://example.com/reports/q3\" style=\"display:inline-block;background:#2f6f9f;color:#fff;"
                + "padding:10px 18px;border-radius:6px;text-decoration:none\">Read it online</a></p>"
                + "<p style=\"color:#6b7785;font-size:12px\">Grüße aus Köln, the Example Corp team</p>"
                + "</td></tr></table></td></tr></table></body></html>",
                "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart alternatives = new MimeBodyPart();
        alternatives.setContent(alternative);

        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(LOGO, "image/png")));
        logo.setContentID("<logo>");
        logo.setDisposition(MimeBodyPart.INLINE);
        logo.setFileName("logo.png");
        MimeMultipart related = new MimeMultipart("related", alternatives, logo);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(related);

        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("report.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        message.setContent(new MimeMultipart("mixed", body, pdf));
        Transport.send(message);
    }

    /**
     * Sends a message with only a text body, from Example Corp.
     *
     * @param port    the debug server's SMTP port
     * @param subject the subject
     * @param text    the body
     * @throws MessagingException if sending fails
     */
    static void sendText(int port, String subject, String text) throws MessagingException {
        MimeMessage message = message(port, subject);
        try {
            message.setFrom(new InternetAddress("noreply@example.com", "Example Corp", StandardCharsets.UTF_8.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    /**
     * Sends a message with only an HTML body.
     *
     * @param port    the debug server's SMTP port
     * @param subject the subject
     * @param html    the body
     * @throws MessagingException if sending fails
     */
    static void sendHtml(int port, String subject, String html) throws MessagingException {
        MimeMessage message = message(port, subject);
        message.setText(html, "UTF-8", "html");
        Transport.send(message);
    }

    private static MimeMessage message(int port, String subject) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.connectiontimeout", "10000");
        props.setProperty("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        try {
            message.setFrom(new InternetAddress("ada@example.com", "Ada Lovelace", StandardCharsets.UTF_8.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.setRecipients(Message.RecipientType.TO, "bob@example.com");
        message.setRecipients(Message.RecipientType.CC, "carol@example.com");
        message.setSubject(subject, "UTF-8");
        return message;
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x2f6f9f));
        g.fillRoundRect(0, 0, height * 3 / 2, height, 8, 8);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3));
        g.drawPolyline(new int[] {6, height * 3 / 4, height * 3 / 2 - 6}, new int[] {7, height / 2 + 2, 7}, 3);
        g.setColor(new Color(0x1f3b53));
        for (int i = 0; i < 3; i++) {
            g.fillRoundRect(height * 3 / 2 + 8, 6 + i * 8, width - height * 3 / 2 - 12 - i * 14, 4, 4, 4);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] pdf() {
        byte[] header = "%PDF-1.4\n% cdi-mail test\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[header.length + 512];
        System.arraycopy(header, 0, bytes, 0, header.length);
        for (int i = 0; i < 512; i++) {
            bytes[header.length + i] = (byte) i;
        }
        return bytes;
    }
}
