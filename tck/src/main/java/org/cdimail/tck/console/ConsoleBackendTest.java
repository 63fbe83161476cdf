package org.cdimail.tck.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.ConsoleBackend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.ConsoleInspector;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.SeparatedMessages;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code console} backend's output: Django's {@code ConsoleBackendTests}. */
@ConsoleBackend
public class ConsoleBackendTest extends MailTestBase {

    /**
     * The deployment: the {@code default} alias writes to standard output.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ConsoleBackendTest.class).build();
    }

    private String output() {
        return new String(TckRuns.inspector(getClass(), ConsoleInspector.class).output(), StandardCharsets.UTF_8);
    }

    /**
     * B-CONSOLE {@code test_console_stream_kwarg}: the whole message is written, with
     * MIME-Version, Content-Type, Content-Transfer-Encoding, Subject, From, To and Date.
     */
    @Assertion(id = "test_console_stream_kwarg", strategy = Strategy.REPRODUCED)
    public void writesTheWholeMessage() {
        mailer.send(message("Console").body("Hello console").build());
        DeliveredMail mail = delivered().get(0);
        for (String header : List.of("MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Subject", "From",
                "To", "Date")) {
            assertEquals(1, Mails.header(mail, header).size(), header);
        }
        assertEquals("Hello console", Mails.body(mail).strip());
    }

    /**
     * B-CONSOLE, B-FILE {@code test_file_sessions}: each message is followed by a line of 79
     * dashes, so the output of several messages can be split again.
     */
    @Assertion(id = "test_file_sessions", strategy = Strategy.REPRODUCED)
    public void followsEachMessageWithASeparatorLine() {
        try (EmailBackend connection = mailer.connection()) {
            connection.sendMessages(List.of(message("One").build(), message("Two").build()));
        }
        List<String> lines = Arrays.asList(output().split("\r?\n"));
        assertEquals(2, lines.stream().filter(SeparatedMessages.SEPARATOR::equals).count());
        assertEquals(SeparatedMessages.SEPARATOR, lines.get(lines.size() - 1).strip(), "the output ends with a separator");
        assertTrue(output().endsWith("\n"), "the separator line ends with a line break");
        assertEquals(List.of("One", "Two"), delivered().stream().map(Mails::subject).toList());
    }
}
