package org.cdimail.tck.message;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailAlternative;
import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.cdimail.SendOptions;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.MessageContract;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.junit.jupiter.api.function.Executable;

/**
 * Rendering and header injection as a backend delivers them: the MSG, ATT, ALT and INJ
 * behaviours of Django's {@code MailTests} that can be seen in the bytes a backend delivers, run
 * once per backend that delivers content. Subclasses name the backend and declare the
 * deployment.
 *
 * <p>Django checks these on the Python message object; here each message goes through the
 * {@code default} alias and the delivered bytes are parsed again with Jakarta Mail, so the
 * whole path (rendering, the backend's writing, the transport) is checked at once.
 */
@MessageContract
public abstract class MessageRenderingContract extends MailTestBase {

    /** The line breaks that must never reach a header: CR, LF, CRLF, U+2028 and U+0085. */
    protected static final List<String> LINE_BREAKS = List.of("\n", "\r", "\r\n", "\u2028", "\u0085");

    private static final SendOptions FAIL_SILENTLY = SendOptions.builder().failSilently(true).build();

    // ---------------------------------------------------------------- headers and the envelope

    /**
     * MSG {@code test_from_header} (#9214), reproduced: a {@code From} header overrides the
     * displayed sender, but the envelope sender stays {@code from}.
     */
    @Assertion(id = "test_from_header", strategy = Strategy.REPRODUCED)
    public void fromHeaderOverrideKeepsTheEnvelopeSender() {
        DeliveredMail mail = sendOne(message("From header").from("bounce@example.com")
                .header("From", "Display <display@example.com>").build());
        assertEquals(List.of("display@example.com"), Mails.addrSpecs(mail, "From"));
        assertEquals(1, Mails.header(mail, "From").size(), "a single From header");
        assumeRecordsEnvelope();
        assertEquals("bounce@example.com", mail.envelope().orElseThrow().sender());
    }

    /**
     * MSG {@code test_to_header} (#17444), reproduced: a {@code To} header overrides the
     * displayed recipients; the message is still delivered to {@code to}.
     */
    @Assertion(id = "test_to_header", strategy = Strategy.REPRODUCED)
    public void toHeaderOverrideKeepsTheEnvelopeRecipients() {
        DeliveredMail mail = sendOne(message("To header").to("list-a@example.com", "list-b@example.com")
                .header("To", "mailing-list@example.com").build());
        assertEquals(List.of("mailing-list@example.com"), Mails.addrSpecs(mail, "To"));
        assumeRecordsEnvelope();
        assertEquals(List.of("list-a@example.com", "list-b@example.com"),
                mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_to_in_headers_only}, reproduced: a {@code To} header without {@code to};
     * the message goes to its Cc recipient only.
     */
    @Assertion(id = "test_to_in_headers_only", strategy = Strategy.REPRODUCED)
    public void toHeaderWithoutToRecipients() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("To only in headers").body("x").from(FROM)
                .cc("cc@example.com").header("To", "shown@example.com").build());
        assertEquals(List.of("shown@example.com"), Mails.addrSpecs(mail, "To"));
        assumeRecordsEnvelope();
        assertEquals(List.of("cc@example.com"), mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_cc_headers}, {@code test_cc_in_headers_only}, reproduced: a {@code Cc}
     * header replaces the one built from {@code cc} (there is one Cc header), and the envelope
     * still holds {@code cc}.
     */
    @Assertion(id = "test_cc_headers", strategy = Strategy.REPRODUCED)
    public void ccHeaderOverrideKeepsTheEnvelope() {
        DeliveredMail mail = sendOne(message("Cc header").cc("foo@example.com")
                .header("Cc", "override@example.com").build());
        assertEquals(1, Mails.header(mail, "Cc").size(), "a single Cc header");
        assertEquals(List.of("override@example.com"), Mails.addrSpecs(mail, "Cc"));
        assumeRecordsEnvelope();
        assertEquals(List.of(TO, "foo@example.com"), mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_multiple_recipients}, {@code test_cc}, reproduced: several {@code to}
     * addresses share one To header, {@code cc} gives one Cc header, and the envelope is to, then
     * cc, then bcc.
     */
    @Assertion(id = "test_cc", strategy = Strategy.REPRODUCED)
    public void multipleRecipientsShareOneHeader() {
        DeliveredMail mail = sendOne(message("Recipients").to("a@example.com", "b@example.com")
                .cc("c@example.com", "d@example.com").bcc("e@example.com").build());
        assertAll(
                () -> assertEquals(1, Mails.header(mail, "To").size()),
                () -> assertEquals(List.of("a@example.com", "b@example.com"), Mails.addrSpecs(mail, "To")),
                () -> assertEquals(1, Mails.header(mail, "Cc").size()),
                () -> assertEquals(List.of("c@example.com", "d@example.com"), Mails.addrSpecs(mail, "Cc")));
        assumeRecordsEnvelope();
        assertEquals(List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"),
                mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_header_omitted_for_no_to_recipients}, reproduced: without {@code to}
     * there is no To header at all.
     */
    @Assertion(id = "test_header_omitted_for_no_to_recipients", strategy = Strategy.REPRODUCED)
    public void noToHeaderWithoutTo() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("No To").body("x").from(FROM)
                .cc("cc@example.com").build());
        assertEquals(List.of(), Mails.header(mail, "To"));
        assertEquals(List.of("cc@example.com"), Mails.addrSpecs(mail, "Cc"));
    }

    /**
     * MSG {@code test_bcc_not_in_headers}, improved: Bcc addresses and their display names
     * appear nowhere in the delivered bytes, also next to Cc and Reply-To, while the Bcc
     * recipients are in the envelope.
     */
    @Assertion(id = "test_bcc_not_in_headers", strategy = Strategy.IMPROVED)
    public void bccIsNeverRendered() {
        DeliveredMail mail = sendOne(message("Bcc").cc("cc@example.com").replyTo("reply@example.com")
                .bcc("Secret Person <secret@example.com>", "hidden@example.com").build());
        String raw = new String(mail.raw(), StandardCharsets.ISO_8859_1);
        assertAll(
                () -> assertEquals(List.of(), Mails.header(mail, "Bcc")),
                () -> assertFalse(raw.contains("secret@example.com"), "Bcc address rendered"),
                () -> assertFalse(raw.contains("hidden@example.com"), "Bcc address rendered"),
                () -> assertFalse(raw.contains("Secret Person"), "Bcc display name rendered"));
        assumeRecordsEnvelope();
        assertTrue(mail.envelope().orElseThrow().recipients().containsAll(List.of("secret@example.com",
                "hidden@example.com")), () -> "envelope: " + mail.envelope());
    }

    /**
     * MSG {@code test_reply_to}, {@code test_reply_to_header},
     * {@code test_reply_to_in_headers_only}, reproduced: Reply-To with two addresses, and a
     * {@code Reply-To} header that replaces {@code replyTo}.
     */
    @Assertion(id = "test_reply_to_header", strategy = Strategy.REPRODUCED)
    public void replyToAndItsOverride() {
        assertEquals(1, mailer.send(message("Reply-To").replyTo("r1@example.com", "r2@example.com").build()));
        assertEquals(1, mailer.send(message("Reply-To header").replyTo("ignored@example.com")
                .header("Reply-To", "override@example.com").build()));
        assertEquals(1, mailer.send(message("Reply-To only header").header("Reply-To", "only@example.com").build()));
        assumeKeepsMessages();
        List<DeliveredMail> delivered = delivered();
        assertEquals(3, delivered.size());
        DeliveredMail two = bySubject(delivered, "Reply-To");
        DeliveredMail overridden = bySubject(delivered, "Reply-To header");
        DeliveredMail onlyHeader = bySubject(delivered, "Reply-To only header");
        assertAll(
                () -> assertEquals(List.of("r1@example.com", "r2@example.com"), Mails.addrSpecs(two, "Reply-To")),
                () -> assertEquals(List.of("override@example.com"), Mails.addrSpecs(overridden, "Reply-To")),
                () -> assertEquals(1, Mails.header(overridden, "Reply-To").size()),
                () -> assertEquals(List.of("only@example.com"), Mails.addrSpecs(onlyHeader, "Reply-To")));
    }

    /**
     * MSG {@code test_message_header_overrides} (#9233), reproduced: {@code Date} and
     * {@code Message-ID} headers replace the generated ones; each appears once.
     */
    @Assertion(id = "test_message_header_overrides", strategy = Strategy.REPRODUCED)
    public void dateAndMessageIdOverrides() {
        DeliveredMail mail = sendOne(message("Overrides").header("Date", "Fri, 09 Nov 2001 01:08:47 -0000")
                .header("Message-ID", "foo").build());
        assertEquals(List.of("Fri, 09 Nov 2001 01:08:47 -0000"), Mails.header(mail, "Date"));
        assertEquals(List.of("foo"), Mails.header(mail, "Message-ID"));
    }

    /**
     * MSG {@code test_date_header_utc}, reproduced: with the default {@code use-localtime=false}
     * the generated Date header is in UTC ({@code +0000}); the generated Message-ID is an
     * angle-bracketed id.
     */
    @Assertion(id = "test_date_header_utc", strategy = Strategy.REPRODUCED)
    public void generatedDateIsUtc() {
        DeliveredMail mail = sendOne(message("Date").build());
        String date = Mails.header(mail, "Date").get(0).strip();
        assertTrue(date.endsWith("+0000"), date);
        String id = Mails.header(mail, "Message-ID").get(0).strip();
        assertTrue(id.startsWith("<") && id.endsWith(">") && id.contains("@"), "Message-ID is <left@right>");
    }

    /**
     * MSG {@code test_unicode_address_header} (#11144), {@code test_unicode_headers},
     * reproduced: non-ASCII display names, names with a comma and with quotes, a non-ASCII
     * subject and extra header survive a parse round trip, and the header section stays ASCII.
     */
    @Assertion(id = "test_unicode_address_header", strategy = Strategy.REPRODUCED)
    public void nonAsciiHeadersSurviveARoundTrip() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("Gżegżółka").body("x")
                .from("\"Firstname Sürname\" <from@example.com>")
                .to("\"Sürname, Firstname\" <to@example.com>", "\"Ada \\\"the Countess\\\" Lovelace\" <ada@example.com>",
                        "other@example.com")
                .cc("\"Jörg, Jr.\" <cc@example.com>")
                .header("Comments", "My Sürname is non-ASCII").build());
        List<InternetAddress> to = Mails.addresses(mail, "To");
        assertAll(
                () -> assertEquals("Gżegżółka", Mails.subject(mail)),
                () -> assertEquals("Firstname Sürname", Mails.addresses(mail, "From").get(0).getPersonal()),
                () -> assertEquals(3, to.size(), () -> "To: " + to),
                () -> assertEquals("Sürname, Firstname", to.get(0).getPersonal()),
                () -> assertEquals("to@example.com", to.get(0).getAddress()),
                () -> assertEquals("Ada \"the Countess\" Lovelace", to.get(1).getPersonal()),
                () -> assertEquals("ada@example.com", to.get(1).getAddress()),
                () -> assertEquals("other@example.com", to.get(2).getAddress()),
                () -> assertEquals("Jörg, Jr.", Mails.addresses(mail, "Cc").get(0).getPersonal()),
                () -> assertEquals("My Sürname is non-ASCII", decode(Mails.header(mail, "Comments").get(0))),
                () -> assertAsciiHeaders(mail));
    }

    /**
     * MSG {@code test_folding_white_space} (#7747), reproduced: a long subject is folded and
     * unfolds to the original.
     */
    @Assertion(id = "test_folding_white_space", strategy = Strategy.REPRODUCED)
    public void longSubjectIsFoldedAndUnfolds() {
        String subject = "Long subject lines that get wrapped should contain a space continuation character "
                + "to get expected behavior in Outlook and Thunderbird";
        DeliveredMail mail = sendOne(message(subject).build());
        assertEquals(subject, Mails.subject(mail));
        for (String line : headerLines(mail)) {
            assertTrue(line.length() <= 998, "no header line over 998 octets");
        }
    }

    /**
     * B-BASE {@code test_idn_send} (#14301), MSG {@code test_address_header_handling}, improved:
     * internationalized domains are punycoded in every address header, display names kept.
     */
    @Assertion(id = "test_address_header_handling", strategy = Strategy.IMPROVED)
    public void internationalDomainsArePunycodedInHeaders() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("IDN").body("x").from("Jörg <from@öäü.com>")
                .to("to@öäü.com").replyTo("reply@öäü.com").build());
        assertAll(
                () -> assertEquals(List.of("from@xn--4ca9at.com"), Mails.addrSpecs(mail, "From")),
                () -> assertEquals("Jörg", Mails.addresses(mail, "From").get(0).getPersonal()),
                () -> assertEquals(List.of("to@xn--4ca9at.com"), Mails.addrSpecs(mail, "To")),
                () -> assertEquals(List.of("reply@xn--4ca9at.com"), Mails.addrSpecs(mail, "Reply-To")),
                () -> assertAsciiHeaders(mail));
    }

    /**
     * B-SMTP {@code test_encodes_idna_in_smtp_commands}, B-BASE {@code test_idn_send},
     * reproduced for every backend that records an envelope: internationalized domains are
     * punycoded in the envelope sender and in every envelope recipient, Bcc included, whatever
     * the headers show (a {@code MAIL FROM:<from@öäü.com>} is refused by servers without
     * {@code SMTPUTF8}).
     */
    @Assertion(id = "test_encodes_idna_in_smtp_commands", strategy = Strategy.REPRODUCED)
    public void internationalDomainsArePunycodedInTheEnvelope() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("IDN envelope").body("x").from("from@öäü.com")
                .to("Jörg <to@öäü.com>").cc("cc@öäü.com").bcc("bcc@öäü.com")
                .header("From", "Display <other@example.com>").build());
        assertEquals(List.of("to@xn--4ca9at.com"), Mails.addrSpecs(mail, "To"));
        assumeRecordsEnvelope();
        DeliveredMail.Envelope envelope = mail.envelope().orElseThrow();
        assertEquals("from@xn--4ca9at.com", envelope.sender());
        assertEquals(List.of("to@xn--4ca9at.com", "cc@xn--4ca9at.com", "bcc@xn--4ca9at.com"), envelope.recipients());
    }

    /**
     * Design, Django's {@code DEFAULT_FROM_EMAIL}, for every backend that records an envelope:
     * a message without {@code from} is sent from the default sender ({@code mail.default-from},
     * {@code webmaster@localhost} when unset, as here), in the envelope and in the
     * {@code From} header alike.
     */
    @Assertion(id = "message-without-from-uses-the-default-sender", strategy = Strategy.ADDED)
    public void messageWithoutFromUsesTheDefaultSenderInTheEnvelope() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("No sender").body("x").to(TO).build());
        assertEquals(List.of("webmaster@localhost"), Mails.addrSpecs(mail, "From"));
        assumeRecordsEnvelope();
        assertEquals("webmaster@localhost", mail.envelope().orElseThrow().sender());
        assertEquals(List.of(TO), mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_localpart_only_address} (#15042), reproduced: a local-part-only recipient
     * is rendered and delivered as is.
     */
    @Assertion(id = "test_localpart_only_address", strategy = Strategy.REPRODUCED)
    public void localPartOnlyRecipient() {
        DeliveredMail mail = sendOne(message("Local part").to("localpartonly").build());
        assertEquals(List.of("localpartonly"), Mails.addrSpecs(mail, "To"));
        assumeRecordsEnvelope();
        assertEquals(List.of("localpartonly"), mail.envelope().orElseThrow().recipients());
    }

    /**
     * MSG {@code test_none_body}, {@code test_all_params_optional}, reproduced: a message
     * without a body is delivered with an empty text part.
     */
    @Assertion(id = "test_none_body", strategy = Strategy.REPRODUCED)
    public void messageWithoutBody() {
        DeliveredMail mail = sendOne(EmailMessage.builder().subject("No body").from(FROM).to(TO).build());
        assertEquals("text/plain", Mails.baseType(mail.message()));
        assertEquals("", Mails.body(mail).strip());
    }

    // ---------------------------------------------------------------- MIME structure

    /** MSG {@code test_mime_structure}, reproduced: a body alone is a single text/plain part. */
    @Assertion(id = "test_mime_structure", strategy = Strategy.REPRODUCED)
    public void bodyAloneIsASingleTextPart() {
        DeliveredMail mail = sendOne(message("Plain").build());
        assertEquals("text/plain", Mails.structure(mail));
        assertEquals(List.of("1.0"), Mails.header(mail, "MIME-Version"));
    }

    /**
     * MSG {@code test_mime_structure}, ALT {@code test_alternatives}, reproduced: an HTML
     * alternative gives multipart/alternative(text/plain, text/html).
     */
    @Assertion(id = "test_alternatives", strategy = Strategy.REPRODUCED)
    public void alternativeStructure() {
        DeliveredMail mail = sendOne(message("Alternative").body("Plain text")
                .attachAlternative("<p>HTML text</p>", "text/html").build());
        assertEquals("multipart/alternative(text/plain,text/html)", Mails.structure(mail));
        assertEquals("Plain text", Mails.body(mail).strip());
        assertEquals("<p>HTML text</p>", Mails.text(mail, "text/html").orElseThrow().strip());
    }

    /**
     * ATT {@code test_attachments_with_alternative_parts} (#9367), reproduced:
     * mixed(alternative(text, html), pdf), the attachment's bytes unchanged.
     */
    @Assertion(id = "test_attachments_with_alternative_parts", strategy = Strategy.REPRODUCED)
    public void mixedWithAlternativesAndAttachment() {
        byte[] pdf = "%PDF-1.4 fake pdf".getBytes(StandardCharsets.US_ASCII);
        DeliveredMail mail = sendOne(message("Mixed").body("Plain text")
                .attachAlternative("<p>HTML</p>", "text/html")
                .attach("an attachment.pdf", pdf, "application/pdf").build());
        assertEquals("multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)",
                Mails.structure(mail));
        Part attachment = Mails.attachments(mail).get(0);
        assertEquals("an attachment.pdf", Mails.fileName(attachment));
        assertArrayEquals(pdf, Mails.bytes(attachment));
    }

    /**
     * ALT {@code test_multipart_with_attachments}, reproduced: an empty body with an HTML
     * alternative and an attachment still carries the alternative.
     */
    @Assertion(id = "test_multipart_with_attachments", strategy = Strategy.REPRODUCED)
    public void emptyBodyKeepsTheAlternative() {
        DeliveredMail mail = sendOne(message("Empty body").body("")
                .attachAlternative("<p>Only HTML</p>", "text/html")
                .attach("notes.txt", "attached text", "text/plain").build());
        assertEquals("multipart/mixed(multipart/alternative(text/plain,text/html),text/plain)", Mails.structure(mail));
        assertEquals("<p>Only HTML</p>", Mails.text(mail, "text/html").orElseThrow().strip());
        assertEquals("attached text", Mails.content(Mails.attachments(mail).get(0)).strip());
    }

    /**
     * ATT {@code test_attach_mime_part} (inline disposition and Content-ID), improved: an inline
     * image referenced by {@code cid:} from the HTML alternative is put, with the HTML, in a
     * multipart/related part, with its Content-ID and inline disposition.
     */
    @Assertion(id = "test_attach_mime_part", strategy = Strategy.IMPROVED)
    public void inlinePartsAreRelatedToTheirHtml() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
        DeliveredMail mail = sendOne(message("Related").body("Plain")
                .attachAlternative("<p><img src=\"cid:logo\"></p>", "text/html")
                .attach(EmailAttachment.of("logo.png", png, "image/png").inline("logo")).build());
        assertEquals("multipart/alternative(text/plain,multipart/related(text/html,image/png))",
                Mails.structure(mail));
        Part image = Mails.leaves(mail).get(2);
        assertAll(
                () -> assertEquals("<logo>", header(image, "Content-ID")),
                () -> assertTrue(header(image, "Content-Disposition").toLowerCase(Locale.ROOT).startsWith("inline"),
                        () -> header(image, "Content-Disposition")),
                () -> assertArrayEquals(png, Mails.bytes(image)));
    }

    /**
     * ATT {@code test_attach_mime_part}, improved: an HTML body (content subtype {@code html})
     * with an inline part gives multipart/related(text/html, image).
     */
    @Assertion(id = "test_attach_mime_part", strategy = Strategy.IMPROVED)
    public void htmlBodyWithInlinePartIsRelated() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
        DeliveredMail mail = sendOne(message("Related body").body("<img src=\"cid:pic\">").contentSubtype("html")
                .attach(EmailAttachment.of("pic.png", png, "image/png").inline("pic")).build());
        assertEquals("multipart/related(text/html,image/png)", Mails.structure(mail));
    }

    /**
     * ATT {@code test_attach_rfc822_message} (#18967), {@code test_attach_8bit_rfc822_message_non_ascii}
     * (#36119), reproduced: an attached message is a message/rfc822 part, never base64 or
     * quoted-printable, and the inner message reads back with its non-ASCII text.
     */
    @Assertion(id = "test_attach_rfc822_message", strategy = Strategy.REPRODUCED)
    public void attachedMessageIsRfc822() throws Exception {
        EmailMessage inner = EmailMessage.builder().subject("Inner Sürname").body("Inner body, très bien")
                .from("inner@example.com").to("someone@example.com").build();
        DeliveredMail mail = sendOne(message("Outer").attachMessage(inner).build());
        assertEquals("multipart/mixed(text/plain,message/rfc822)", Mails.structure(mail));
        Part part = Mails.leaves(mail).get(1);
        String[] encoding = part.getHeader("Content-Transfer-Encoding");
        assertTrue(encoding == null || Set.of("7bit", "8bit", "binary").contains(encoding[0].strip().toLowerCase(Locale.ROOT)),
                () -> "outer transfer encoding " + String.join(",", encoding));
        MimeMessage attached = assertInstanceOf(MimeMessage.class, part.getContent());
        assertEquals("Inner Sürname", attached.getSubject());
        assertEquals("Inner body, très bien", String.valueOf(attached.getContent()).strip());
    }

    /**
     * ALT {@code test_alternative_alternatives}, reproduced: an alternative need not be text; a
     * byte alternative is delivered with its type and its bytes unchanged.
     */
    @Assertion(id = "test_alternative_alternatives", strategy = Strategy.REPRODUCED)
    public void nonTextAlternative() {
        byte[] json = "{\"greeting\": \"hello\"}".getBytes(StandardCharsets.US_ASCII);
        DeliveredMail mail = sendOne(message("Non-text alternative").body("Plain")
                .attachAlternative(EmailAlternative.of(json, "application/json")).build());
        assertEquals("multipart/alternative(text/plain,application/json)", Mails.structure(mail));
        assertArrayEquals(json, Mails.bytes(Mails.leaves(mail).get(1)));
    }

    /**
     * ATT {@code test_attach_rfc822_message}, reproduced for a message given as bytes: it is
     * attached as message/rfc822 and reads back.
     */
    @Assertion(id = "test_attach_rfc822_message", strategy = Strategy.REPRODUCED)
    public void attachedRfc822Bytes() throws Exception {
        byte[] rfc822 = ("From: inner@example.com\r\nTo: someone@example.com\r\nSubject: Forwarded\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nForwarded body\r\n").getBytes(StandardCharsets.US_ASCII);
        DeliveredMail mail = sendOne(message("Forward").attach(EmailAttachment.message(rfc822)).build());
        assertEquals("multipart/mixed(text/plain,message/rfc822)", Mails.structure(mail));
        MimeMessage attached = assertInstanceOf(MimeMessage.class, Mails.leaves(mail).get(1).getContent());
        assertEquals("Forwarded", attached.getSubject());
        assertEquals("Forwarded body", String.valueOf(attached.getContent()).strip());
    }

    // ---------------------------------------------------------------- attachments

    /**
     * ATT {@code test_non_ascii_attachment_filename} (#14964), improved: a non-ASCII file name
     * is written with RFC 2231 in {@code Content-Disposition} and reads back, as does the
     * {@code name} parameter of {@code Content-Type}.
     */
    @Assertion(id = "test_non_ascii_attachment_filename", strategy = Strategy.IMPROVED)
    public void nonAsciiFileNameRoundTrips() throws Exception {
        String name = "une pièce jointe.pdf";
        DeliveredMail mail = sendOne(message("Attachment name")
                .attach(name, "%PDF-".getBytes(StandardCharsets.US_ASCII), "application/pdf").build());
        Part part = Mails.attachments(mail).get(0);
        String contentType = part.getContentType();
        assertAll(
                () -> assertEquals(name, Mails.fileName(part)),
                () -> assertTrue(header(part, "Content-Disposition").contains("filename*="),
                        () -> "RFC 2231 parameter: " + header(part, "Content-Disposition")),
                () -> assertEquals(name, decode(new ContentType(contentType).getParameter("name")),
                        () -> "Content-Type: " + contentType),
                () -> assertAsciiHeaders(mail));
    }

    /**
     * ATT {@code test_attach_utf8_text_as_bytes}, reproduced: UTF-8 bytes of a text attachment
     * arrive as text.
     */
    @Assertion(id = "test_attach_utf8_text_as_bytes", strategy = Strategy.REPRODUCED)
    public void utf8TextBytesStayText() {
        DeliveredMail mail = sendOne(message("UTF-8 bytes")
                .attach("file.txt", "file content: é".getBytes(StandardCharsets.UTF_8), "text/plain").build());
        Part part = Mails.attachments(mail).get(0);
        assertEquals("text/plain", Mails.baseType(part));
        assertEquals("file content: é", Mails.content(part).strip());
    }

    /**
     * ATT {@code test_attach_non_utf8_text_as_bytes}, {@code test_attach_text_as_bytes},
     * reproduced: text bytes that are not valid UTF-8 are delivered unchanged as
     * application/octet-stream.
     */
    @Assertion(id = "test_attach_non_utf8_text_as_bytes", strategy = Strategy.REPRODUCED)
    public void invalidUtf8TextBytesBecomeOctetStream() {
        byte[] bytes = { (byte) 0xff, (byte) 0xfe, 'a', (byte) 0x80, '\n', (byte) 0xc3 };
        DeliveredMail mail = sendOne(message("Invalid UTF-8").attach("file.txt", bytes, "text/plain").build());
        Part part = Mails.attachments(mail).get(0);
        assertEquals("application/octet-stream", Mails.baseType(part));
        assertArrayEquals(bytes, Mails.bytes(part));
        assertEquals("file.txt", Mails.fileName(part));
    }

    /**
     * ATT {@code test_attach_file}, reproduced: the MIME type is the one given, else guessed
     * from the extension, else application/octet-stream; the bytes are the file's.
     */
    @Assertion(id = "test_attach_file", strategy = Strategy.REPRODUCED)
    public void attachFileGuessesTheMimeType() throws IOException {
        Path directory = Files.createTempDirectory("cdimail-tck-attach");
        try {
            Path text = write(directory.resolve("file.txt"), "text file".getBytes(StandardCharsets.US_ASCII));
            Path png = write(directory.resolve("file.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
            Path pdf = write(directory.resolve("file.pdf"), "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
            Path unknown = write(directory.resolve("file.unknownext"), new byte[] { 1, 2, 3 });
            Path given = write(directory.resolve("data.txt"), "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
            DeliveredMail mail = sendOne(message("Files").attachFile(text).attachFile(png).attachFile(pdf)
                    .attachFile(unknown).attachFile(given, "text/csv").build());
            List<Part> parts = Mails.attachments(mail);
            assertEquals(List.of("text/plain", "image/png", "application/pdf", "application/octet-stream", "text/csv"),
                    parts.stream().map(Mails::baseType).toList());
            assertEquals(List.of("file.txt", "file.png", "file.pdf", "file.unknownext", "data.txt"),
                    parts.stream().map(Mails::fileName).toList());
            assertArrayEquals(Files.readAllBytes(png), Mails.bytes(parts.get(1)));
            assertArrayEquals(Files.readAllBytes(unknown), Mails.bytes(parts.get(3)));
        } finally {
            deleteTree(directory);
        }
    }

    // ---------------------------------------------------------------- body encoding

    /**
     * MSG {@code test_dont_mangle_from_in_body} (#13433), reproduced: body lines starting with
     * {@code From } are not escaped as {@code >From }.
     */
    @Assertion(id = "test_dont_mangle_from_in_body", strategy = Strategy.REPRODUCED)
    public void fromLinesInTheBodyAreNotMangled() {
        String body = "From the future\nFrom here on, nothing changes.";
        DeliveredMail mail = sendOne(message("From lines").body(body).build());
        assertFalse(new String(mail.raw(), StandardCharsets.ISO_8859_1).contains(">From"), "no >From mangling");
        assertEquals(body, normalize(Mails.body(mail)).strip());
    }

    /**
     * MSG {@code test_body_content_transfer_encoding}, B-BASE {@code test_send_long_lines},
     * reproduced: 7bit for ASCII, 8bit for non-ASCII text with short lines, and for a line over
     * 998 octets the shorter of quoted-printable (mostly ASCII) and base64 (Cyrillic).
     */
    @Assertion(id = "test_body_content_transfer_encoding", strategy = Strategy.REPRODUCED)
    public void transferEncodingFollowsTheContent() {
        String norwegian = "Vi gikk på tur i skogen og så mange fine trær der. ".repeat(30).strip();
        String cyrillic = "Запис сусіда про погоду ".repeat(60).strip();
        assertEquals(1, mailer.send(message("7bit").body("Plain ASCII body.").build()));
        assertEquals(1, mailer.send(message("8bit").body("Firstname Sürname is a great guy.").build()));
        assertEquals(1, mailer.send(message("QP").body(norwegian).build()));
        assertEquals(1, mailer.send(message("Base64").body(cyrillic).build()));
        assumeKeepsMessages();
        List<DeliveredMail> delivered = delivered();
        assertEquals(4, delivered.size());
        DeliveredMail latin = bySubject(delivered, "8bit");
        DeliveredMail qp = bySubject(delivered, "QP");
        DeliveredMail base64 = bySubject(delivered, "Base64");
        assertAll(
                () -> assertEquals("7bit", transferEncoding(bySubject(delivered, "7bit"))),
                () -> assertEquals("8bit", transferEncoding(latin)),
                () -> assertEquals("Firstname Sürname is a great guy.", Mails.body(latin).strip()),
                () -> assertEquals("quoted-printable", transferEncoding(qp)),
                () -> assertEquals(norwegian, Mails.body(qp).strip()),
                () -> assertEquals("base64", transferEncoding(base64)),
                () -> assertEquals(cyrillic, Mails.body(base64).strip()));
        for (DeliveredMail mail : delivered) {
            assertNoLineOver998Octets(mail);
        }
    }

    /**
     * MSG {@code test_encoding}, {@code test_non_utf8_headers_multipart}, ALT
     * {@code test_encoding_alternatives}, reproduced: with encoding iso-8859-1 the body and the
     * HTML alternative declare that charset and decode back; the headers stay ASCII.
     */
    @Assertion(id = "test_encoding_alternatives", strategy = Strategy.REPRODUCED)
    public void iso88591BodyAndAlternatives() throws MessagingException {
        DeliveredMail mail = sendOne(message("Sürname's message").encoding("iso-8859-1")
                .from("\"Firstname Sürname\" <from@example.com>")
                .body("Firstname Sürname is a great guy.")
                .attachAlternative("<p>Firstname Sürname is a <strong>great</strong> guy.</p>", "text/html").build());
        List<Part> leaves = Mails.leaves(mail);
        assertEquals(2, leaves.size());
        for (Part part : leaves) {
            assertEquals("iso-8859-1", new ContentType(part.getContentType()).getParameter("charset").toLowerCase(Locale.ROOT));
        }
        assertAll(
                () -> assertEquals("Firstname Sürname is a great guy.", Mails.body(mail).strip()),
                () -> assertEquals("<p>Firstname Sürname is a <strong>great</strong> guy.</p>",
                        Mails.text(mail, "text/html").orElseThrow().strip()),
                () -> assertEquals("Sürname's message", Mails.subject(mail)),
                () -> assertEquals("Firstname Sürname", Mails.addresses(mail, "From").get(0).getPersonal()),
                () -> assertAsciiHeaders(mail));
    }

    // ---------------------------------------------------------------- header injection

    /**
     * INJ {@code test_header_injection}, B-LOCMEM {@code test_validate_multiline_headers}
     * (#18861), improved: CR, LF, CRLF, U+2028 and U+0085 in a subject are refused with
     * {@link BadHeaderException} even with fail-silently (Django folds U+2028 and U+0085
     * silently); nothing reaches the backend.
     */
    @Assertion(id = "test_header_injection", strategy = Strategy.IMPROVED)
    public void lineBreakInSubjectIsRefused() {
        List<Executable> checks = new ArrayList<>();
        for (String lineBreak : LINE_BREAKS) {
            checks.add(() -> assertRefused(() -> mailer.sendMail("Subject" + lineBreak + "Injected: yes", "body",
                    FROM, List.of(TO), FAIL_SILENTLY)));
        }
        assertAll(checks);
        assertNothingReachedTheBackend();
    }

    /**
     * INJ (the improvement the reference asks for: Django 3.2 does not validate header names),
     * improved: a line break in an extra header's name or value is refused.
     */
    @Assertion(id = "test_header_injection", strategy = Strategy.IMPROVED)
    public void lineBreakInHeaderNameOrValueIsRefused() {
        List<Executable> checks = new ArrayList<>();
        for (String lineBreak : LINE_BREAKS) {
            checks.add(() -> assertRefused(() -> mailer.send(message("Name")
                    .header("X-Custom" + lineBreak + "Injected", "value").build(), FAIL_SILENTLY)));
            checks.add(() -> assertRefused(() -> mailer.send(message("Value")
                    .header("X-Custom", "value" + lineBreak + "Injected: yes").build(), FAIL_SILENTLY)));
        }
        assertAll(checks);
        assertNothingReachedTheBackend();
    }

    /**
     * INJ {@code test_address_header_injection}, improved: a line break in any address (From,
     * To, Cc, Reply-To, and Bcc, which Django leaves to SMTP) or in a display name is refused.
     */
    @Assertion(id = "test_address_header_injection", strategy = Strategy.IMPROVED)
    public void lineBreakInAnyAddressIsRefused() {
        List<Executable> checks = new ArrayList<>();
        for (String lineBreak : LINE_BREAKS) {
            String address = "to@example.com" + lineBreak + "Bcc: evil@example.com";
            String displayName = "\"Some" + lineBreak + "Injected: yes\" <to@example.com>";
            for (String bad : List.of(address, displayName)) {
                checks.add(() -> assertRefused(() -> mailer.send(message("From").from(bad).build(), FAIL_SILENTLY)));
                checks.add(() -> assertRefused(() -> mailer.send(message("To").to(bad).build(), FAIL_SILENTLY)));
                checks.add(() -> assertRefused(() -> mailer.send(message("Cc").cc(bad).build(), FAIL_SILENTLY)));
                checks.add(() -> assertRefused(() -> mailer.send(message("Bcc").bcc(bad).build(), FAIL_SILENTLY)));
                checks.add(() -> assertRefused(() -> mailer.send(message("Reply-To").replyTo(bad).build(),
                        FAIL_SILENTLY)));
                checks.add(() -> assertRefused(() -> mailer.sendMail("Recipient list", "body", FROM, List.of(bad),
                        FAIL_SILENTLY)));
            }
        }
        assertAll(checks);
        assertNothingReachedTheBackend();
    }

    /**
     * INJ, improved (Django does not check): a line break in an attachment's file name is
     * refused.
     */
    @Assertion(id = "test_header_injection", strategy = Strategy.IMPROVED)
    public void lineBreakInAttachmentFileNameIsRefused() {
        List<Executable> checks = new ArrayList<>();
        for (String lineBreak : LINE_BREAKS) {
            checks.add(() -> assertRefused(() -> mailer.send(message("Attachment")
                    .attach("file" + lineBreak + "Injected: yes.txt", "content", "text/plain").build(), FAIL_SILENTLY)));
        }
        assertAll(checks);
        assertNothingReachedTheBackend();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Sends one message through the {@code default} alias, and returns it as delivered; skips
     * the rest of the test for a backend that keeps nothing.
     *
     * @param message the message
     * @return the delivered message
     */
    protected DeliveredMail sendOne(EmailMessage message) {
        assertEquals(1, mailer.send(message));
        assumeKeepsMessages();
        List<DeliveredMail> delivered = delivered();
        assertEquals(1, delivered.size(), "exactly one message delivered");
        return delivered.get(0);
    }

    /**
     * Checks that nothing reached the backend. Backends that can tell more (the SMTP server
     * counts connections) override this to check more.
     */
    protected void assertNothingReachedTheBackend() {
        assertEquals(List.of(), delivered(), "nothing delivered");
    }

    /**
     * Checks that an action is refused with {@link BadHeaderException} whose message holds no
     * address and not the injected text ({@code "Injected: yes"}, which every refused value
     * here carries; a refused header <em>name</em> may be named).
     *
     * @param action the action
     */
    protected static void assertRefused(Executable action) {
        BadHeaderException refused = assertThrows(BadHeaderException.class, action);
        String text = String.valueOf(refused.getMessage());
        assertFalse(text.contains("@"), () -> "the message contains no address: " + text);
        assertFalse(text.contains("Injected: yes"), () -> "the message does not repeat the value: " + text);
        assertNotNull(refused.header());
    }

    /**
     * Checks that every header line is US-ASCII.
     *
     * @param mail the delivered message
     */
    protected static void assertAsciiHeaders(DeliveredMail mail) {
        for (String line : headerLines(mail)) {
            assertTrue(line.chars().allMatch(c -> c < 128), () -> "non-ASCII header line: " + line);
        }
    }

    private static void assertNoLineOver998Octets(DeliveredMail mail) {
        byte[] raw = mail.raw();
        int length = 0;
        for (byte b : raw) {
            if (b == '\n' || b == '\r') {
                length = 0;
            } else {
                length++;
                assertTrue(length <= 998, "no line over 998 octets");
            }
        }
    }

    /** The header lines of the top-level header section, as ISO-8859-1 text. */
    private static List<String> headerLines(DeliveredMail mail) {
        String raw = new String(mail.raw(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = raw.indexOf("\n\n");
        return List.of((end < 0 ? raw : raw.substring(0, end)).split("\n"));
    }

    /**
     * The delivered message with the given subject: backends that write one file per
     * connection (such as {@code file}) do not keep an order between connections.
     *
     * @param delivered the delivered messages
     * @param subject   the subject
     * @return the message
     */
    protected static DeliveredMail bySubject(List<DeliveredMail> delivered, String subject) {
        List<DeliveredMail> matching = delivered.stream().filter(m -> subject.equals(Mails.subject(m))).toList();
        assertEquals(1, matching.size(), () -> "one message with subject " + subject);
        return matching.get(0);
    }

    private static String transferEncoding(DeliveredMail mail) {
        return Mails.header(mail, "Content-Transfer-Encoding").get(0).strip().toLowerCase(Locale.ROOT);
    }

    private static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            assertNotNull(values, () -> "no " + name + " header");
            return MimeUtility.unfold(values[0]).strip();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(text)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
