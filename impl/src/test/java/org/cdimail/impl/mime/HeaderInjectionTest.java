package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.mail.internet.InternetAddress;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Django's INJ behaviours end to end: nothing unsafe reaches the rendered bytes, and every error
 * names the header, never the address.
 */
class HeaderInjectionTest {

    private static final MimeRenderer RENDERER = new MimeRenderer(RenderedMail.SETTINGS);

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("Content").from("from@example.com").to("to@example.com");
    }

    /** Django {@code test_header_injection}: reproduced; "\n" in the subject is refused before rendering. */
    @Test
    void refusesANewlineInTheSubjectBeforeAnythingIsRendered() {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> basic().subject("Subject\nInjection Test").build());

        assertThat(e.header()).isEqualTo("Subject");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    /** Django {@code test_header_injection}: reproduced for a newline in a To display name. */
    @Test
    void refusesANewlineInADisplayName() {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> basic().to("\"Name\nInjection test\" <to@example.com>").build());

        assertThat(e.header()).isEqualTo("To");
        assertThat(e.getMessage()).doesNotContain("@");
    }

    /**
     * Improved: U+2028, U+2029 and U+0085 in a subject are refused; Django 3.2 folds them silently
     * and some readers treat them as line breaks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u2028", "\u2029", "\u0085"})
    void refusesUnicodeLineSeparatorsInTheSubject(String separator) {
        assertThatThrownBy(() -> basic().subject("Subject" + separator + "Bcc: victim@example.com").build())
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("Subject").hasMessageNotContaining("@");
    }

    /** Improved: Django lets a newline in a Bcc address through {@code message()}; it is refused here. */
    @Test
    void refusesANewlineInABccAddress() {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> basic().bcc("bcc@example.com\nX-Injected: yes").build());

        assertThat(e.header()).isEqualTo("Bcc");
        assertThat(e.getMessage()).doesNotContain("@").doesNotContain("X-Injected");
    }

    /** Improved: Django 3.2 does not validate header names; a name with a newline injects a header there. */
    @ParameterizedTest
    @ValueSource(strings = {"X-Evil\nBcc", "X Evil", "X-Evil:", "X-Ëvil"})
    void refusesHeaderNamesWithLineBreaksSpacesColonsOrNonAscii(String name) {
        assertThatThrownBy(() -> basic().header(name, "value").build()).isInstanceOf(BadHeaderException.class)
                .hasMessageStartingWith("CDIMAIL-00001");
    }

    static Stream<Arguments> addressOverrides() {
        return Stream.of("From", "Sender", "Reply-To", "To", "Cc", "Resent-From", "Resent-Sender", "Resent-To",
                "Resent-Cc").flatMap(header -> Stream.of("\r", "\n", "\r\n").map(br -> Arguments.of(header, br)));
    }

    /**
     * Django {@code test_address_header_injection}: reproduced; CR, LF or CRLF anywhere in an
     * address header given as an extra header is refused, the header named.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("addressOverrides")
    void refusesLineBreaksInAddressHeaderOverrides(String header, String lineBreak) {
        for (String value : new String[] {"Name" + lineBreak + " <x@example.com>", "x@example.com" + lineBreak
                + "Injected: 1", lineBreak + "x@example.com"}) {
            BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                    () -> basic().header(header, value).build());
            assertThat(e.header()).isEqualTo(header);
            assertThat(e.getMessage()).doesNotContain("@");
        }
    }

    static Stream<Arguments> invalidAddresses() {
        return Stream.of("to@other.com@example.com", "to@other.com <to@example.com>@example.com", "@", "to@",
                "@example.com", "a@example.com, b@example.com", "\"unclosed@example.com", "to@exa mple.com",
                "to@example..com", "to..x@example.com", "Name <to@>", "Name <to@example.com> trailing")
                .map(Arguments::of);
    }

    /**
     * Django {@code test_avoids_sending_to_invalid_addresses} and 3.2 {@code test_sanitize_address_invalid}:
     * reproduced (tested through Bcc, as Django does); the message names the header, not the address.
     */
    @ParameterizedTest
    @MethodSource("invalidAddresses")
    void refusesInvalidEnvelopeAddressesNamingOnlyTheHeader(String address) {
        EmailMessage message = basic().bcc(address).build();

        assertThatThrownBy(() -> RENDERER.envelope(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CDIMAIL-00101").hasMessageContaining("'Bcc'")
                .hasMessageNotContaining("@").hasNoCause();
    }

    /**
     * Django {@code test_rejects_non_ascii_local_part} (#35713): improved; the error names the
     * header and says that SMTPUTF8 would be needed, without the address.
     */
    @Test
    void refusesANonAsciiLocalPartMentioningSmtputf8() {
        EmailMessage message = basic().to("jörg@example.com").build();

        for (Runnable action : new Runnable[] {() -> RENDERER.envelope(message), () -> RenderedMail.of(message)}) {
            assertThatThrownBy(action::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SMTPUTF8").hasMessageContaining("'To'")
                    .hasMessageNotContaining("jörg").hasMessageNotContaining("@");
        }
    }

    /** The sender is checked like the recipients: a non-ASCII local part in From is refused, naming From. */
    @Test
    void refusesANonAsciiLocalPartInTheSender() {
        assertThatThrownBy(() -> RENDERER.envelope(basic().from("jörg@example.com").build()))
                .hasMessageContaining("'From'").hasMessageContaining("SMTPUTF8");
    }

    /**
     * Django {@code test_encodes_idna_in_smtp_commands} and {@code test_does_not_reencode_idna}:
     * reproduced for the envelope; IDNA domains, pre-encoded labels unchanged, overrides ignored.
     */
    @Test
    void encodesEnvelopeDomainsWithIdnaWithoutReencoding() {
        EmailMessage message = basic().from("lettre@françe.example").to("to@xn--fa-hia.example.com")
                .cc("Name <cc@öäü.com>").bcc("bcc@example.com").header("From", "other@example.com")
                .header("To", "list@example.com").build();

        Envelope envelope = RENDERER.envelope(message);

        assertThat(envelope.sender().getAddress()).isEqualTo("lettre@xn--frane-1ra.example");
        assertThat(envelope.sender().getPersonal()).isNull();
        assertThat(envelope.recipients()).extracting(InternetAddress::getAddress)
                .containsExactly("to@xn--fa-hia.example.com", "cc@xn--4ca9at.com", "bcc@example.com");
        assertThat(envelope.recipients()).extracting(InternetAddress::getPersonal).containsOnlyNulls();
    }

    /** Django {@code test_address_header_handling}: a table of address forms and what the header shows. */
    @ParameterizedTest
    @MethodSource("addressForms")
    void parsesEachAddressFormToNameAndAddrSpec(String given, String name, String addrSpec) throws Exception {
        RenderedMail mail = RenderedMail.of(basic().to(given).build());

        InternetAddress[] parsed = InternetAddress.parseHeader(mail.header("To"), false);
        assertThat(parsed).hasSize(1);
        assertThat(parsed[0].getPersonal()).isEqualTo(name);
        assertThat(parsed[0].getAddress()).isEqualTo(addrSpec);
        assertThat(mail.header("To").chars()).allMatch(c -> c < 128);
    }

    static Stream<Arguments> addressForms() {
        return Stream.of(
                Arguments.of("to@example.com", null, "to@example.com"),
                Arguments.of("<to@example.com>", null, "to@example.com"),
                Arguments.of("A name <to@example.com>", "A name", "to@example.com"),
                Arguments.of("\"A name\" <to@example.com>", "A name", "to@example.com"),
                Arguments.of("\"Comma, in name\" <to@example.com>", "Comma, in name", "to@example.com"),
                Arguments.of("Tó Example <tó@example.com>".replace("tó@", "to@"), "Tó Example", "to@example.com"),
                Arguments.of("\"Tó, Example\" <to@example.com>", "Tó, Example", "to@example.com"),
                Arguments.of("to@éxample.com", null, "to@xn--xample-9ua.com"),
                Arguments.of("To Example <to@éxample.com>", "To Example", "to@xn--xample-9ua.com"),
                Arguments.of("to@xn--fa-hia.example.com", null, "to@xn--fa-hia.example.com"),
                Arguments.of("\"to@other.com\"@example.com", null, "\"to@other.com\"@example.com"),
                Arguments.of("to@[192.0.2.1]", null, "to@[192.0.2.1]"),
                Arguments.of("localpartonly", null, "localpartonly"));
    }

    /** An invalid address in a header is reported with the header's name when the message is rendered. */
    @Test
    void refusesAnInvalidAddressInAHeaderWhenRendering() {
        assertThatThrownBy(() -> RenderedMail.of(basic().cc("a@b@c").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Cc'").hasMessageNotContaining("@");
        assertThatThrownBy(() -> RenderedMail.of(basic().header("Reply-To", "x@").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Reply-To'");
    }

    /** Rendering checks again whatever the builder checked: every rendered header is one line per field. */
    @Test
    void rendersNoHeaderLineThatIsNotAFieldOrAContinuation() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().subject("Sübject with a very long text that will be folded, "
                + "surely, because it is long enough to need it").header("X-Long", "word ".repeat(40))
                .to("\"Very Long Display Name Number One\" <one@example.com>",
                        "\"Very Long Display Name Number Two\" <two@example.com>").build());

        assertThat(mail.rawHeaders().split("\r\n"))
                .allMatch(line -> line.matches("[!-9;-~]+: .*|[!-9;-~]+:|[ \t].*"));
    }

    /** Consumers of an address list: a line break in the middle is refused for every way of giving it. */
    @Test
    void refusesLineBreaksWhicheverWayAnAddressIsGiven() {
        for (Consumer<EmailMessage.Builder> setter : java.util.List.<Consumer<EmailMessage.Builder>>of(
                b -> b.to(java.util.List.of("ok@example.com", "bad\n@example.com")),
                b -> b.cc("bad\r@example.com"),
                b -> b.replyTo("bad@example.com\u2028"))) {
            EmailMessage.Builder builder = basic();
            setter.accept(builder);
            assertThatThrownBy(builder::build).isInstanceOf(BadHeaderException.class).hasMessageNotContaining("@");
        }
    }
}
