package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Header;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;

/** Django's MSG behaviours: headers, overrides, and the envelope they do not change. */
class MessageHeadersTest {

    private static final MimeRenderer RENDERER = new MimeRenderer(RenderedMail.SETTINGS);

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("Content").from("from@example.com").to("to@example.com");
    }

    /** Django {@code test_multiple_recipients}: reproduced. */
    @Test
    void joinsSeveralToAddressesInOneHeader() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().to("to@example.com", "other@example.com").build());

        assertThat(mail.parsed.getHeader("To")).hasSize(1);
        assertThat(mail.header("To")).isEqualTo("to@example.com, other@example.com");
    }

    /** Django {@code test_header_omitted_for_no_to_recipients}: reproduced. */
    @Test
    void omitsToWhenThereAreNoToRecipients() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().to(List.of()).cc("cc@example.com").build());

        assertThat(mail.parsed.getHeader("To")).isNull();
        assertThat(mail.header("Cc")).isEqualTo("cc@example.com");
    }

    /** Django {@code test_cc} (#7722): reproduced. */
    @Test
    void rendersCcAndKeepsItInTheEnvelope() throws Exception {
        EmailMessage message = basic().cc("cc@example.com", "cc.other@example.com").build();

        assertThat(RenderedMail.of(message).header("Cc")).isEqualTo("cc@example.com, cc.other@example.com");
        assertThat(RENDERER.envelope(message).recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("to@example.com", "cc@example.com", "cc.other@example.com");
    }

    /** Django {@code test_cc_headers}: reproduced; one Cc header, the override, and the envelope keeps {@code cc}. */
    @Test
    void replacesTheCcHeaderWithAnOverrideButNotTheEnvelope() throws Exception {
        EmailMessage message = basic().cc("foo@example.com").header("Cc", "override@example.com").build();
        RenderedMail mail = RenderedMail.of(message);

        assertThat(mail.parsed.getHeader("Cc")).containsExactly("override@example.com");
        assertThat(RENDERER.envelope(message).recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("to@example.com", "foo@example.com");
    }

    /** Django {@code test_cc_in_headers_only}: reproduced. */
    @Test
    void rendersCcGivenOnlyAsAHeader() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().header("Cc", "foo@example.com").build());

        assertThat(mail.header("Cc")).isEqualTo("foo@example.com");
    }

    /** Django {@code test_bcc_not_in_headers}: reproduced; Bcc is in the envelope and nowhere in the bytes. */
    @Test
    void neverRendersBcc() throws Exception {
        EmailMessage message = basic().bcc("bcc@example.com").build();
        RenderedMail mail = RenderedMail.of(message);

        assertThat(mail.parsed.getHeader("Bcc")).isNull();
        assertThat(mail.raw()).doesNotContain("bcc@example.com").doesNotContainIgnoringCase("bcc:");
        assertThat(RENDERER.envelope(message).recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("to@example.com", "bcc@example.com");
    }

    /** Django {@code test_reply_to}: reproduced, with one and with two addresses. */
    @Test
    void rendersReplyToWithOneOrTwoAddresses() throws Exception {
        assertThat(RenderedMail.of(basic().replyTo("reply_to@example.com").build()).header("Reply-To"))
                .isEqualTo("reply_to@example.com");
        assertThat(RenderedMail.of(basic().replyTo("reply_to1@example.com", "reply_to2@example.com").build())
                .header("Reply-To")).isEqualTo("reply_to1@example.com, reply_to2@example.com");
    }

    /** Django {@code test_reply_to_header} and {@code test_reply_to_in_headers_only}: reproduced. */
    @Test
    void replacesReplyToWithAnOverride() throws Exception {
        assertThat(RenderedMail.of(basic().replyTo("foo@example.com").header("Reply-To", "override@example.com")
                .build()).parsed.getHeader("Reply-To")).containsExactly("override@example.com");
        assertThat(RenderedMail.of(basic().header("Reply-To", "reply_to@example.com").build()).header("Reply-To"))
                .isEqualTo("reply_to@example.com");
    }

    /** Django {@code test_folding_white_space} / 3.2 {@code test_space_continuation} (#7747): reproduced. */
    @Test
    void foldsALongAsciiSubjectWithWhitespaceContinuation() throws Exception {
        String subject = "Long subject lines that get wrapped should contain a space continuation "
                + "character to comply with RFC 822";
        RenderedMail mail = RenderedMail.of(basic().subject(subject).build());

        assertThat(mail.rawHeaders()).contains("Subject: Long subject lines that get wrapped should contain a space\r\n ");
        assertThat(mail.rawHeaders().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(MimeUtility.unfold(mail.header("Subject"))).isEqualTo(subject);
    }

    /** Django {@code test_message_header_overrides} (#9233): reproduced; exact default headers too. */
    @Test
    void usesDateAndMessageIdGivenAsHeaders() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().header("Date", "Fri, 09 Nov 2001 01:08:47 -0000")
                .header("Message-ID", "foo").build());

        assertThat(mail.header("Date")).isEqualTo("Fri, 09 Nov 2001 01:08:47 -0000");
        assertThat(mail.header("Message-ID")).isEqualTo("foo");
        assertThat(Collections.list(mail.parsed.getAllHeaders())).extracting(Header::getName)
                .containsExactly("Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type",
                        "Content-Transfer-Encoding");
        assertThat(mail.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(mail.header("Content-Transfer-Encoding")).isEqualTo("7bit");
        assertThat(mail.header("MIME-Version")).isEqualTo("1.0");
    }

    /** Django {@code test_from_header} (#9214): reproduced; the envelope keeps {@code from}. */
    @Test
    void displaysTheFromOverrideButSendsFromTheMessageSender() throws Exception {
        EmailMessage message = basic().from("bounce@example.com").header("From", "from@example.com").build();

        assertThat(RenderedMail.of(message).parsed.getHeader("From")).containsExactly("from@example.com");
        assertThat(RENDERER.envelope(message).sender().getAddress()).isEqualTo("bounce@example.com");
    }

    /** Django {@code test_to_header} (#17444): reproduced; the message's {@code to} and the envelope are unchanged. */
    @Test
    void displaysTheToOverrideButDeliversToTheMessageRecipients() throws Exception {
        EmailMessage message = basic().to("list-subscriber@example.com", "list-subscriber2@example.com")
                .header("To", "\"list-subscriber\" <list-subscriber@example.com>, \"list-subscriber2\" "
                        + "<list-subscriber2@example.com>")
                .build();
        RenderedMail mail = RenderedMail.of(message);

        assertThat(mail.parsed.getHeader("To")).hasSize(1);
        assertThat(InternetAddress.parseHeader(mail.header("To"), true)).extracting(InternetAddress::getPersonal)
                .containsExactly("list-subscriber", "list-subscriber2");
        assertThat(message.to()).containsExactly("list-subscriber@example.com", "list-subscriber2@example.com");
        assertThat(RENDERER.envelope(message).recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("list-subscriber@example.com", "list-subscriber2@example.com");
    }

    /** Django {@code test_to_in_headers_only}: reproduced; the envelope is empty, so nothing would be sent. */
    @Test
    void rendersToGivenOnlyAsAHeader() throws Exception {
        EmailMessage message = EmailMessage.builder().header("To", "mailing-list@example.com").build();

        assertThat(RenderedMail.of(message).header("To")).isEqualTo("mailing-list@example.com");
        assertThat(RENDERER.envelope(message).recipients()).isEmpty();
    }

    /**
     * Django {@code test_multiple_message_call} (#13259): reproduced; rendering twice gives the same
     * headers (with Date and Message-ID fixed, all of them; otherwise all but those two).
     */
    @Test
    void rendersTheSameHeadersEveryTime() throws Exception {
        EmailMessage fixed = basic().header("From", "from@example.com").header("Date", "Fri, 09 Nov 2001 01:08:47 -0000")
                .header("Message-ID", "<id@example.com>").build();
        assertThat(RenderedMail.of(fixed).rawHeaders()).isEqualTo(RenderedMail.of(fixed).rawHeaders());

        EmailMessage generated = basic().build();
        RenderedMail first = RenderedMail.of(generated);
        RenderedMail second = RenderedMail.of(generated);
        assertThat(first.header("From")).isEqualTo(second.header("From"));
        assertThat(withoutDateAndId(first)).isEqualTo(withoutDateAndId(second));
        assertThat(first.header("Message-ID")).isNotEqualTo(second.header("Message-ID"));
    }

    private static List<String> withoutDateAndId(RenderedMail mail) throws Exception {
        return Collections.list(mail.parsed.getNonMatchingHeaderLines(new String[] {"Date", "Message-ID"}));
    }

    /**
     * Django {@code test_unicode_address_header} (#11144): reproduced, and extended to quotes and
     * backslashes: display names survive a parse round trip, and the header is ASCII.
     */
    @Test
    void keepsNonAsciiDisplayNamesWithCommasQuotesAndBackslashes() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().to("\"Firstname Sürname\" <to@example.com>", "other@example.com")
                .cc("\"Sürname, Firstname\" <cc@example.com>", "\"Smith, \\\"Jr\\\" \\\\ III\" <jr@example.com>",
                        "\"Ünïcode \\\"quoted\\\", and \\\\\" <u@example.com>")
                .build());

        assertThat(mail.rawHeaders()).isEqualTo(new String(mail.rawHeaders().getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII));
        InternetAddress[] to = InternetAddress.parseHeader(mail.header("To"), true);
        assertThat(to).extracting(InternetAddress::getPersonal).containsExactly("Firstname Sürname", null);
        assertThat(to).extracting(InternetAddress::getAddress).containsExactly("to@example.com", "other@example.com");
        // Django 3.2 writes exactly this, with a lower-case "q".
        assertThat(mail.header("Cc")).startsWithIgnoringCase("=?utf-8?q?S=C3=BCrname=2C_Firstname?= <cc@example.com>");
        InternetAddress[] cc = InternetAddress.parseHeader(mail.header("Cc"), true);
        assertThat(cc).extracting(InternetAddress::getPersonal)
                .containsExactly("Sürname, Firstname", "Smith, \"Jr\" \\ III", "Ünïcode \"quoted\", and \\");
        assertThat(cc).extracting(InternetAddress::getAddress)
                .containsExactly("cc@example.com", "jr@example.com", "u@example.com");
    }

    /** Django {@code test_unicode_headers}: reproduced; Subject, Sender and Comments are encoded words and decode back. */
    @Test
    void encodesNonAsciiHeadersAsEncodedWords() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().subject("Gżegżółka")
                .header("Sender", "\"Firstname Sürname\" <sender@example.com>")
                .header("Comments", "My Sürname is non-ASCII").build());

        assertThat(mail.rawHeaders()).doesNotContain("ż").contains("Subject: =?utf-8?");
        assertThat(mail.parsed.getSubject()).isEqualTo("Gżegżółka");
        assertThat(MimeUtility.decodeText(mail.header("Comments"))).isEqualTo("My Sürname is non-ASCII");
        assertThat(InternetAddress.parseHeader(mail.header("Sender"), true)[0].getPersonal())
                .isEqualTo("Firstname Sürname");
        assertThat(mail.rawHeaders().chars()).allMatch(c -> c < 128);
    }

    /** Django {@code test_non_utf8_headers_multipart} / 3.2 {@code test_safe_mime_multipart}: reproduced. */
    @Test
    void encodesHeadersInTheMessageCharset() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().encoding("iso-8859-1").subject("Message from Firstname Sürname")
                .to("\"Sürname, Firstname\" <to@example.com>").attachAlternative("<p>html</p>", "text/html").build());

        assertThat(mail.rawHeaders()).contains("=?iso-8859-1?").doesNotContain("ü");
        assertThat(mail.parsed.getSubject()).isEqualTo("Message from Firstname Sürname");
        assertThat(InternetAddress.parseHeader(mail.header("To"), true)[0].getPersonal())
                .isEqualTo("Sürname, Firstname");
    }

    /** A header the message charset cannot represent falls back to UTF-8 rather than losing characters. */
    @Test
    void fallsBackToUtf8ForAHeaderTheCharsetCannotEncode() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().encoding("iso-8859-1").subject("Gżegżółka").build());

        assertThat(mail.rawHeaders()).contains("Subject: =?utf-8?");
        assertThat(mail.parsed.getSubject()).isEqualTo("Gżegżółka");
    }

    /** Django {@code test_non_ascii_dns_non_unicode_email}: reproduced; the host name is IDNA-encoded. */
    @Test
    void encodesANonAsciiHostNameInTheMessageId() throws Exception {
        MimeRenderer renderer = new MimeRenderer(RenderedMail.SETTINGS.withDnsName("漢字"));

        RenderedMail mail = RenderedMail.of(renderer, basic().encoding("iso-8859-1").build());

        assertThat(mail.header("Message-ID")).startsWith("<").endsWith("@xn--p8s937b>");
    }

    /** Django {@code test_all_params_optional}: reproduced; the default sender, no To, an empty body. */
    @Test
    void rendersAMessageWithNothingSet() throws Exception {
        RenderedMail mail = RenderedMail.of(EmailMessage.builder().build());

        assertThat(mail.header("From")).isEqualTo("webmaster@localhost");
        assertThat(mail.parsed.getHeader("To")).isNull();
        assertThat(mail.header("Subject")).isEmpty();
        assertThat(mail.header("Date")).isNotBlank();
        assertThat(mail.parsed.getContent()).isEqualTo("\r\n");
    }

    /** Django {@code test_none_body}: reproduced; an empty body is a single line break. */
    @Test
    void rendersAnEmptyBodyAsOneLineBreak() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().body(null).build());

        assertThat(mail.raw()).endsWith("\r\n\r\n\r\n");
        assertThat(mail.parsed.getContent()).isEqualTo("\r\n");
    }

    /** Django {@code test_date_header_utc}: reproduced; without local time the Date is UTC, "+0000". */
    @Test
    void writesTheDateInUtcByDefault() throws Exception {
        MimeRenderer renderer = new MimeRenderer(RenderedMail.SETTINGS.withZone(ZoneId.of("Africa/Algiers")));

        assertThat(RenderedMail.of(renderer, basic().build()).header("Date")).endsWith(" +0000");
    }

    /** Django {@code test_date_header_localtime}: reproduced; with {@code mail.use-localtime} the zone's offset. */
    @Test
    void writesTheDateInTheLocalZoneWhenAsked() throws Exception {
        RenderSettings settings = RenderSettings.from(key -> java.util.Optional.ofNullable(
                key.equals(RenderSettings.USE_LOCALTIME) ? "true" : null)).withZone(ZoneId.of("Africa/Algiers"));

        RenderedMail mail = RenderedMail.of(new MimeRenderer(settings), basic().build());

        assertThat(mail.header("Date")).endsWith(" +0100");
        assertThat(mail.parsed.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
    }

    /** Django {@code test_datetime_in_date_header}: mapped; the generated Date is a valid RFC 5322 date. */
    @Test
    void writesADateThatParsesAsRfc5322() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().build());

        assertThat(mail.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(mail.parsed.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
    }

    /** Django {@code test_localpart_only_address} (#15042) and {@code test_recipient_without_domain}: reproduced. */
    @Test
    void allowsLocalPartOnlyAddresses() throws Exception {
        EmailMessage message = basic().from("tester").to("django", "localpartonly").build();

        assertThat(RenderedMail.of(message).header("To")).isEqualTo("django, localpartonly");
        assertThat(RENDERER.envelope(message).sender().getAddress()).isEqualTo("tester");
        assertThat(RENDERER.envelope(message).recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("django", "localpartonly");
    }

    /** Django {@code test_idn_send} (#14301): reproduced; IDN domains are punycode in From, To and Cc. */
    @Test
    void encodesInternationalDomainsInAddressHeaders() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().from("from@öäü.com").to("to@öäü.com").cc("cc@öäü.com").build());

        assertThat(mail.header("From")).isEqualTo("from@xn--4ca9at.com");
        assertThat(mail.header("To")).isEqualTo("to@xn--4ca9at.com");
        assertThat(mail.header("Cc")).isEqualTo("cc@xn--4ca9at.com");
    }

    /** Issue 16: domains that browsers and Django accept (symbols, currency signs, full-width letters) are encoded, not refused. */
    @Test
    void encodesEveryRealDomain() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().from("from@i\u2764.ws").to("to@exampl\u20ac.com", "x@\uff21\uff22\uff23.com").build());

        assertThat(mail.header("From")).isEqualTo("from@xn--i-7iq.ws");
        assertThat(mail.header("To")).isEqualTo("to@xn--exampl-nc1c.com, x@abc.com");
    }

    /**
     * Issue 16: UTS #46 nontransitional processing keeps the deviation characters (expected values
     * from Python's {@code idna.encode(d, uts46=True)}): {@code straße.de} is not {@code strasse.de}.
     */
    @Test
    void keepsTheDeviationCharactersOfUts46() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().to("a@Stra\u00dfe.de", "b@STRA\u1e9eE.de")
                .cc("c@\u03c0\u03bf\u03bb\u03b9\u03c2.gr", "d@B\u00fccher.de").build());

        assertThat(mail.header("To")).isEqualTo("a@xn--strae-oqa.de, b@xn--strae-oqa.de");
        assertThat(mail.header("Cc")).isEqualTo("c@xn--uxadldn.gr, d@xn--bcher-kva.de");
    }

    /** Django {@code test_send_verbose_name}: reproduced; a quoted non-ASCII sender name decodes back. */
    @Test
    void keepsAQuotedNonAsciiSenderName() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().from("\"Firstname Sürname\" <from@example.com>").build());

        InternetAddress from = (InternetAddress) mail.parsed.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Firstname Sürname");
        assertThat(from.getAddress()).isEqualTo("from@example.com");
    }

    /** Extra headers are rendered, non-ASCII values encoded; none of them changes the envelope. */
    @Test
    void rendersExtraHeadersInOrderAfterTheGeneratedOnes() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().header("X-First", "1").header("X-Second", "zwei ü").build());

        assertThat(mail.header("X-First")).isEqualTo("1");
        assertThat(MimeUtility.decodeText(mail.header("X-Second"))).isEqualTo("zwei ü");
        assertThat(mail.rawHeaders().indexOf("X-First")).isLessThan(mail.rawHeaders().indexOf("X-Second"));
    }

    /** Content headers describe the rendered structure; an extra header must not contradict them. */
    @Test
    void refusesContentHeadersAsExtraHeaders() {
        for (String name : Arrays.asList("Content-Type", "Content-Transfer-Encoding", "MIME-Version")) {
            assertThatThrownBy(() -> RenderedMail.of(basic().header(name, "x").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }
    }

    /**
     * Django 3.2 {@code test_sanitize_address} (long display names): reproduced; a long non-ASCII
     * name is split into encoded words and folded, and decodes back whole.
     */
    @Test
    void foldsALongNonAsciiDisplayName() throws Exception {
        String name = "Tó Example with a very long display name that needs folding, even twice over";
        RenderedMail mail = RenderedMail.of(basic().to("\"" + name + "\" <to@example.com>").build());

        assertThat(mail.rawHeaders().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        InternetAddress to = InternetAddress.parseHeader(mail.header("To"), true)[0];
        assertThat(to.getPersonal()).isEqualTo(name);
        assertThat(to.getAddress()).isEqualTo("to@example.com");
    }

    /**
     * Django {@code PythonGlobalState} (test_utf8, test_7bit, test_8bit_latin, test_8bit_non_latin,
     * #12422): mapped; Python's global charset registry becomes the JVM's system properties, which
     * rendering must leave alone (Jakarta Mail reads several {@code mail.mime.*} ones globally).
     */
    @Test
    void leavesJvmWideMailPropertiesUnchanged() throws Exception {
        java.util.Properties before = (java.util.Properties) System.getProperties().clone();

        RenderedMail.of(basic().body("Ünïcode").attach("une pièce.txt", "x", null).build());

        assertThat(System.getProperties()).isEqualTo(before);
    }

    /** A generated Message-ID is unique and names the configured host, as Django's {@code make_msgid(domain=DNS_NAME)}. */
    @Test
    void generatesAMessageIdOnTheConfiguredHostName() throws Exception {
        assertThat(RenderedMail.of(basic().build()).header("Message-ID")).matches("<[0-9]+\\.[0-9a-f]{32}@mail\\.example\\.com>");
    }

    /** Date and Message-ID allow no encoded words, so a non-ASCII override is refused rather than corrupted. */
    @Test
    void refusesNonAsciiDateOrMessageIdOverrides() {
        assertThatThrownBy(() -> RenderedMail.of(basic().header("Message-ID", "<ü@example.com>")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Message-ID'")
                .hasMessageNotContaining("@");
    }
}
