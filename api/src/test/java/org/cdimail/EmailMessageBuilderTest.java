package org.cdimail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The message model: Django's {@code EmailMessage} constructor arguments and attributes, as a builder. */
class EmailMessageBuilderTest {

    /** Django {@code test_all_params_optional}: reproduced (an empty builder builds). */
    @Test
    void removeHeaderRemovesTheHeaderInAnyCaseAndIgnoresAnAbsentOne() {
        EmailMessage message = EmailMessage.builder().header("X-Tag", "a").header("Reply-By", "soon").build()
                .toBuilder().removeHeader("x-TAG").removeHeader("X-Absent").build();
        assertThat(message.headers()).containsOnlyKeys("Reply-By");
    }

    @Test
    void buildsAMessageWithNoArgumentsAtAll() {
        EmailMessage message = EmailMessage.builder().build();

        assertThat(message.subject()).isEmpty();
        assertThat(message.body()).isEmpty();
        assertThat(message.from()).isEmpty();
        assertThat(message.recipients()).isEmpty();
        assertThat(message.contentSubtype()).isEqualTo(EmailMessage.PLAIN);
        assertThat(message.encoding()).isEmpty();
    }

    /** Django {@code test_none_body}: reproduced ({@code null} body becomes empty). */
    @Test
    void treatsANullBodyAndSubjectAsEmpty() {
        EmailMessage message = EmailMessage.builder().subject(null).body(null).build();

        assertThat(message.body()).isEmpty();
        assertThat(message.subject()).isEmpty();
    }

    /** Django {@code test_cc} (#7722): reproduced; recipients are to, then cc, then bcc. */
    @Test
    void listsRecipientsAsToThenCcThenBcc() {
        EmailMessage message = EmailMessage.builder().to("to@example.com").cc("cc@example.com", "cc2@example.com")
                .bcc("bcc@example.com").build();

        assertThat(message.recipients())
                .containsExactly("to@example.com", "cc@example.com", "cc2@example.com", "bcc@example.com");
    }

    /** Django {@code test_recipients_with_empty_strings}: reproduced; null and blank entries are dropped. */
    @Test
    void dropsEmptyAndNullRecipients() {
        EmailMessage message = EmailMessage.builder()
                .to(Arrays.asList("to@example.com", "", null))
                .cc(Arrays.asList("", "cc@example.com"))
                .bcc(Arrays.asList(" ", "bcc@example.com"))
                .replyTo(Arrays.asList(null, ""))
                .build();

        assertThat(message.recipients()).containsExactly("to@example.com", "cc@example.com", "bcc@example.com");
        assertThat(message.replyTo()).isEmpty();
    }

    /** Django {@code test_recipients_as_tuple}: reproduced as any {@code Collection} (a set, a list). */
    @Test
    void acceptsAnyCollectionOfRecipients() {
        EmailMessage message = EmailMessage.builder()
                .to(new LinkedHashSet<>(List.of("a@example.com", "b@example.com")))
                .cc(List.of("c@example.com"))
                .build();

        assertThat(message.to()).containsExactly("a@example.com", "b@example.com");
        assertThat(message.cc()).containsExactly("c@example.com");
    }

    /**
     * Django {@code test_all_params_can_be_set_before_send}: reproduced as {@code toBuilder()}; a
     * built message never changes afterwards.
     */
    @Test
    void derivesAChangedCopyWithoutChangingTheOriginal() {
        List<String> to = new ArrayList<>(List.of("to@example.com"));
        EmailMessage original = EmailMessage.builder().subject("Subject").to(to).build();
        to.add("late@example.com");

        EmailMessage changed = original.toBuilder().subject("Other").from("from@example.com")
                .bcc("bcc@example.com").replyTo("reply@example.com").header("X-Test", "1")
                .contentSubtype("html").encoding("iso-8859-1").build();

        assertThat(original.to()).containsExactly("to@example.com");
        assertThat(original.subject()).isEqualTo("Subject");
        assertThat(changed.subject()).isEqualTo("Other");
        assertThat(changed.from()).contains("from@example.com");
        assertThat(changed.recipients()).containsExactly("to@example.com", "bcc@example.com");
        assertThat(changed.headers()).containsEntry("X-Test", "1");
        assertThat(changed.contentSubtype()).isEqualTo("html");
        assertThat(changed.encoding()).contains("iso-8859-1");
        assertThatThrownBy(() -> changed.to().add("x@example.com")).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Extra headers keep their order; setting a name again in another case replaces it. */
    @Test
    void replacesAHeaderGivenAgainInAnotherCase() {
        EmailMessage message = EmailMessage.builder().header("X-First", "1").header("Message-ID", "<a@b>")
                .header("message-id", "<c@d>").build();

        assertThat(message.headers()).containsExactly(Map.entry("X-First", "1"), Map.entry("message-id", "<c@d>"));
    }

    /** Bcc can only be set through {@code bcc(...)}: a Bcc header would be rendered. */
    @Test
    void refusesBccAsAnExtraHeader() {
        assertThatThrownBy(() -> EmailMessage.builder().header("Bcc", "x@example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00008");
    }

    /** An unknown charset is refused when the message is built, not when it is sent. */
    @Test
    void refusesAnUnknownEncoding() {
        assertThatThrownBy(() -> EmailMessage.builder().encoding("no-such-charset").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00011");
    }

    /** Django {@code test_alternatives} and {@code test_alternatives_constructor}: reproduced. */
    @Test
    void storesAlternativesAsContentAndMimetype() {
        EmailMessage message = EmailMessage.builder().attachAlternative("<p>html</p>", "text/html")
                .attachAlternative(EmailAlternative.of("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/json"))
                .build();

        assertThat(message.alternatives()).containsExactly(EmailAlternative.of("<p>html</p>", "text/html"),
                EmailAlternative.of("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json"));
        assertThat(message.alternatives().get(0).isText()).isTrue();
        assertThat(message.alternatives().get(1).isText()).isFalse();
    }

    /** Django {@code test_email_multi_alternatives_content_mimetype_none}: reproduced. */
    @Test
    void refusesAnAlternativeWithoutContentOrMimetype() {
        assertThatThrownBy(() -> EmailAlternative.of((String) null, "text/html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00002");
        assertThatThrownBy(() -> EmailAlternative.of("<p>html</p>", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00003");
    }

    /** Django {@code test_body_contains}: reproduced; the body and every text alternative count. */
    @Test
    void findsTextInTheBodyAndInTextAlternatives() {
        EmailMessage message = EmailMessage.builder().body("I am content.")
                .attachAlternative("<p>I am more than content.</p>", "text/html").build();

        assertThat(message.bodyContains("I am content")).isTrue();
        assertThat(message.bodyContains("more than content")).isTrue();
        assertThat(message.bodyContains("absent")).isFalse();
    }

    /** Django {@code test_body_contains_alternative_non_text}: reproduced; non-text alternatives are ignored. */
    @Test
    void ignoresNonTextAlternativesWhenSearchingTheBody() {
        EmailMessage message = EmailMessage.builder().body("I am content.")
                .attachAlternative("I am a PDF", "application/pdf").build();

        assertThat(message.bodyContains("I am a PDF")).isFalse();
    }

    /** Rendering needs an implementation; the API alone says so clearly. */
    @Test
    void describesItselfWithoutAddresses() {
        EmailMessage message = EmailMessage.builder().to("secret@example.com").build();

        assertThat(message.toString()).doesNotContain("@").contains("recipients=1");
    }

    @Test
    void listUnsubscribeOneClickSetsBothHeaders() {
        EmailMessage message = EmailMessage.builder()
                .listUnsubscribeOneClick("https://example.com/u?id=42", "mailto:unsubscribe@example.com").build();
        assertThat(message.headers()).containsEntry("List-Unsubscribe",
                "<https://example.com/u?id=42>, <mailto:unsubscribe@example.com>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    @Test
    void listUnsubscribeWithoutOneClickRemovesThePostHeader() {
        EmailMessage message = EmailMessage.builder().listUnsubscribeOneClick("https://example.com/u")
                .listUnsubscribe("mailto:unsubscribe@example.com").build();
        assertThat(message.headers()).containsEntry("List-Unsubscribe", "<mailto:unsubscribe@example.com>")
                .doesNotContainKey("List-Unsubscribe-Post");
    }

    @Test
    void oneClickUnsubscribeNeedsAnHttpsUri() {
        assertThatThrownBy(() -> EmailMessage.builder().listUnsubscribeOneClick("mailto:u@example.com",
                "http://example.com/u")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CDIMAIL-00622").hasMessageNotContaining("u@example.com");
    }

    @Test
    void listUnsubscribeRefusesLineBreaksAndWhatIsNotAUri() {
        assertThatThrownBy(() -> EmailMessage.builder().listUnsubscribe("https://example.com/u\r\nBcc: x@example.com"))
                .isInstanceOf(BadHeaderException.class).hasMessageNotContaining("x@example.com");
        for (String bad : new String[] { "https://example.com/a b", "https://example.com/a>,<https://evil.test",
            "javascript:alert(1)", "mailto:", "relative/path", "https://example.com/ü" }) {
            assertThatThrownBy(() -> EmailMessage.builder().listUnsubscribe(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CDIMAIL-0062");
        }
        assertThatThrownBy(() -> EmailMessage.builder().listUnsubscribe())
                .hasMessageContaining("CDIMAIL-00620");
    }
}
