package org.cdimail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Header injection is refused when a message is built: Django's INJ behaviours, and stricter. */
class HeaderRulesTest {

    static Stream<String> lineBreaks() {
        return Stream.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000B", "\u000C", "\0");
    }

    /**
     * Django {@code test_header_injection}: reproduced for "\n"; improved for CR, U+0085, U+2028,
     * U+2029 and the other line terminators, which Django 3.2 folds silently.
     */
    @ParameterizedTest
    @MethodSource("lineBreaks")
    void refusesALineBreakInTheSubject(String lineBreak) {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> EmailMessage.builder().subject("Subject" + lineBreak + "Bcc: victim@example.com").build());

        assertThat(e.header()).isEqualTo("Subject");
        assertThat(e.getMessage()).startsWith("CDIMAIL-00001").doesNotContain("@");
    }

    static Stream<Arguments> addressFields() {
        return Stream.of(
                Arguments.of("From", (Consumer<EmailMessage.Builder>) b -> b.from("from@example.com\nBcc: v@example.com")),
                Arguments.of("To", (Consumer<EmailMessage.Builder>) b -> b.to("Name\r\n <to@example.com>")),
                Arguments.of("Cc", (Consumer<EmailMessage.Builder>) b -> b.cc("cc@example.com\r")),
                Arguments.of("Bcc", (Consumer<EmailMessage.Builder>) b -> b.bcc("bcc@example.com\nX-Injected: 1")),
                Arguments.of("Reply-To", (Consumer<EmailMessage.Builder>) b -> b.replyTo("r@example.com\u2028")),
                Arguments.of("Sender", (Consumer<EmailMessage.Builder>) b -> b.header("Sender", "s@example.com\n")),
                Arguments.of("Resent-To", (Consumer<EmailMessage.Builder>) b -> b.header("Resent-To", "r@example.com\r\n")),
                Arguments.of("Resent-From", (Consumer<EmailMessage.Builder>) b -> b.header("Resent-From", "\nr@example.com")),
                Arguments.of("To", (Consumer<EmailMessage.Builder>) b -> b.header("To", "t@example.com\nBcc: v@example.com")));
    }

    /**
     * Django {@code test_address_header_injection} and 3.2 {@code test_sanitize_address_header_injection}:
     * reproduced for From, Sender, Reply-To, To, Cc and Resent-*; improved for Bcc, which Django
     * leaves to the SMTP server. The message names the header and never contains the address.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("addressFields")
    void refusesALineBreakInAnyAddressIncludingBcc(String header, Consumer<EmailMessage.Builder> setter) {
        EmailMessage.Builder builder = EmailMessage.builder();
        setter.accept(builder);

        BadHeaderException e = catchThrowableOfType(BadHeaderException.class, builder::build);

        assertThat(e.header()).isEqualTo(header);
        assertThat(e.getMessage()).doesNotContain("@").doesNotContain("example.com");
    }

    /** Improved over Django 3.2, where a header name with a newline injects a header. */
    @ParameterizedTest
    @ValueSource(strings = {"X-Bad\nBcc", "X Bad", "X-Bad:", "X-Bäd", "", "X-Bad\r", "X-Tab\t"})
    void refusesAHeaderNameThatIsNotAnRfc5322FieldName(String name) {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> EmailMessage.builder().header(name, "value").build());

        assertThat(e.getMessage()).startsWith("CDIMAIL-00001").doesNotContain("\n").doesNotContain("\r");
    }

    /** Improved: a refused header name that carries an address does not leak it into the message. */
    @Test
    void refusesAHeaderNameHoldingAnAddressWithoutRepeatingTheAddress() {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> EmailMessage.builder().header("ada@example.com\nBcc", "value").build());

        assertThat(e.getMessage()).doesNotContain("@").doesNotContain("ada@example.com");
    }

    /** Improved: a line break in an extra header's value is refused like one in the subject. */
    @ParameterizedTest
    @MethodSource("lineBreaks")
    void refusesALineBreakInAnExtraHeaderValue(String lineBreak) {
        assertThatThrownBy(() -> EmailMessage.builder().header("X-Custom", "a" + lineBreak + "b").build())
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("X-Custom");
    }

    /** Improved: an attachment file name or content id with a line break would inject a MIME header. */
    @ParameterizedTest
    @MethodSource("lineBreaks")
    void refusesALineBreakInAnAttachmentFileNameOrContentId(String lineBreak) {
        assertThatThrownBy(() -> EmailAttachment.of("file" + lineBreak + ".txt", "content", "text/plain"))
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("attachment filename");
        assertThatThrownBy(() -> EmailAttachment.of("file.txt", "content", null).inline("id" + lineBreak))
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("Content-ID");
    }

    /** Tabs and ordinary Unicode are not line breaks: they must stay allowed. */
    @ParameterizedTest
    @ValueSource(strings = {"Tab\there", "Gżegżółka", "Ünïcode ☃"})
    void acceptsTabsAndUnicodeThatAreNotLineBreaks(String subject) {
        assertThat(EmailMessage.builder().subject(subject).build().subject()).isEqualTo(subject);
    }
}
