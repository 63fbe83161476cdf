package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonMessageParserTest {

    @TempDir
    Path dir;

    private JsonMessageParser parser() {
        return new JsonMessageParser(dir);
    }

    @Test
    void readsEveryFieldOfTheSchema() throws Exception {
        Files.writeString(dir.resolve("terms.txt"), "Terms", StandardCharsets.UTF_8);
        String line = """
                {"subject": "Hi", "body": "Body", "from": "Ada <ada@example.com>", "to": ["bob@example.com"],
                 "cc": ["carol@example.com"], "bcc": ["dave@example.com"], "reply_to": ["help@example.com"],
                 "headers": {"X-Campaign": "42"}, "html": "<p>Body</p>",
                 "alternatives": [{"content": "{}", "mimetype": "application/json"}],
                 "content_subtype": "plain", "encoding": "iso-8859-1",
                 "attachments": [{"filename": "a.txt", "content": "text"},
                                 {"filename": "b.bin", "content_base64": "%s", "mimetype": "application/x-thing"},
                                 {"path": "terms.txt"},
                                 {"filename": "logo.png", "content_base64": "iVBORw0=", "content_id": "logo"},
                                 {"message": {"subject": "Inner", "to": "eve@example.com"}}]}
                """.formatted(Base64.getEncoder().encodeToString(new byte[] {0, 1, 2})).replace("\n", " ");

        EmailMessage m = parser().parse(line);

        assertThat(m.subject()).isEqualTo("Hi");
        assertThat(m.body()).isEqualTo("Body");
        assertThat(m.from()).contains("Ada <ada@example.com>");
        assertThat(m.to()).containsExactly("bob@example.com");
        assertThat(m.cc()).containsExactly("carol@example.com");
        assertThat(m.bcc()).containsExactly("dave@example.com");
        assertThat(m.replyTo()).containsExactly("help@example.com");
        assertThat(m.headers()).containsEntry("X-Campaign", "42");
        assertThat(m.encoding()).contains("iso-8859-1");
        assertThat(m.alternatives()).extracting(a -> a.mimetype()).containsExactly("application/json", "text/html");
        assertThat(m.attachments()).hasSize(5);
        assertThat(m.attachments().get(0).text()).contains("text");
        assertThat(m.attachments().get(1).bytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2));
        assertThat(m.attachments().get(1).mimetype()).isEqualTo("application/x-thing");
        assertThat(m.attachments().get(2).path()).contains(dir.resolve("terms.txt"));
        assertThat(m.attachments().get(3).disposition()).isEqualTo(EmailAttachment.Disposition.INLINE);
        assertThat(m.attachments().get(3).contentId()).contains("logo");
        assertThat(m.attachments().get(4).message()).hasValueSatisfying(inner -> {
            assertThat(inner.subject()).isEqualTo("Inner");
            assertThat(inner.to()).containsExactly("eve@example.com");
        });
    }

    @Test
    void acceptsAnEmptyObjectAndASingleAddressString() throws Exception {
        assertThat(parser().parse("{}").recipients()).isEmpty();
        assertThat(parser().parse("{\"to\": \"bob@example.com\"}").to()).containsExactly("bob@example.com");
        assertThat(parser().parse("{\"content_subtype\": \"html\", \"body\": \"<p>x</p>\"}").contentSubtype()).isEqualTo("html");
    }

    @Test
    void refusesInvalidJsonWithAReason() {
        assertThatThrownBy(() -> parser().parse("{\"to\": [\"bob@example.com\"")).hasMessageStartingWith("invalid JSON: ");
        assertThatThrownBy(() -> parser().parse("not json")).hasMessageStartingWith("invalid JSON: ");
    }

    @Test
    void refusesALineThatIsNotAnObject() {
        assertThatThrownBy(() -> parser().parse("[1, 2]")).hasMessage("a line must be a JSON object");
    }

    @Test
    void refusesUnknownFieldsSoThatAMisspeltRecipientFieldIsNotIgnored() {
        assertThatThrownBy(() -> parser().parse("{\"too\": [\"bob@example.com\"]}")).hasMessage("unknown field 'too'");
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"content\": \"x\", \"size\": 1}]}"))
                .hasMessage("unknown field 'attachments[0].size'");
    }

    @Test
    void refusesFieldsOfTheWrongTypeNamingTheField() {
        assertThatThrownBy(() -> parser().parse("{\"subject\": 3}")).hasMessage("field 'subject' must be a string");
        assertThatThrownBy(() -> parser().parse("{\"to\": [1]}")).hasMessage("field 'to' must be a list of strings");
        assertThatThrownBy(() -> parser().parse("{\"headers\": [\"X\"]}")).hasMessage("field 'headers' must be an object of strings");
    }

    @Test
    void reportsHeaderInjectionByHeaderNameWithoutTheAddress() {
        assertThatThrownBy(() -> parser().parse("{\"to\": [\"bob@example.com\\nBcc: eve@example.com\"]}"))
                .hasMessageStartingWith("CDIMAIL-00001: header 'To' refused")
                .hasMessageNotContaining("example.com");
        assertThatThrownBy(() -> parser().parse("{\"subject\": \"Hi\\r\\nBcc: eve@example.com\"}"))
                .hasMessageStartingWith("CDIMAIL-00001: header 'Subject' refused")
                .hasMessageNotContaining("example.com");
    }

    @Test
    void requiresExactlyOneSourcePerAttachment() {
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"filename\": \"a.txt\"}]}"))
                .hasMessage("attachments[0]: needs exactly one of content, content_base64, path, message");
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"content\": \"a\", \"path\": \"a.txt\"}]}"))
                .hasMessage("attachments[0]: needs exactly one of content, content_base64, path, message");
    }

    @Test
    void refusesBadBase64AMissingFileAndAnInlinePartWithoutContentId() {
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"content_base64\": \"***\"}]}"))
                .hasMessage("field 'attachments[0].content_base64' is not valid base64");
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"path\": \"missing.pdf\"}]}"))
                .hasMessageContaining("CDIMAIL-00005");
        assertThatThrownBy(() -> parser().parse("{\"attachments\": [{\"content\": \"x\", \"disposition\": \"inline\"}]}"))
                .hasMessage("attachments[0]: an inline attachment needs a content_id");
    }

    @Test
    void resolvesRelativePathsAgainstTheWorkingDirectory() throws IOException, JsonMessageParser.InvalidLineException {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files/report.csv"), "a,b");

        EmailMessage m = parser().parse("{\"attachments\": [{\"path\": \"files/report.csv\", \"mimetype\": \"text/csv\"}]}");

        assertThat(m.attachments().get(0).path()).contains(dir.resolve("files/report.csv"));
        assertThat(m.attachments().get(0).mimetype()).isEqualTo("text/csv");
    }

    @Test
    void readsListUnsubscribeWithOneClick() throws Exception {
        EmailMessage m = parser().parse("{\"list_unsubscribe\": [\"https://example.com/u/1\", \"mailto:u@example.com\"],"
                + " \"list_unsubscribe_one_click\": true}");
        assertThat(m.headers()).containsEntry("List-Unsubscribe", "<https://example.com/u/1>, <mailto:u@example.com>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        EmailMessage plain = parser().parse("{\"list_unsubscribe\": \"mailto:u@example.com\"}");
        assertThat(plain.headers()).containsEntry("List-Unsubscribe", "<mailto:u@example.com>")
                .doesNotContainKey("List-Unsubscribe-Post");
    }

    @Test
    void refusesOneClickWithoutAnHttpsUriNamingTheField() {
        assertThatThrownBy(() -> parser().parse("{\"list_unsubscribe\": [\"mailto:u@example.com\"],"
                + " \"list_unsubscribe_one_click\": true}")).hasMessageContaining("CDIMAIL-00622")
                .hasMessageNotContaining("u@example.com");
        assertThatThrownBy(() -> parser().parse("{\"list_unsubscribe_one_click\": \"yes\"}"))
                .hasMessageContaining("list_unsubscribe_one_click");
    }
}
