package org.cdimail.tck.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.SmtpInspector;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Rendering and header injection, against the {@code smtp} backend and the TCK's recording
 * server: the shared message contract, plus what only the wire shows (ASCII-only commands for
 * internationalized addresses, CRLF in every part, no connection for a refused message).
 */
@SmtpBackend
public class SmtpMessageTest extends MessageRenderingContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp} and the recording server.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(SmtpMessageTest.class).build();
    }

    private RecordingSmtpServer server() {
        return TckRuns.inspector(getClass(), SmtpInspector.class).server();
    }

    /** Also: the refused message opened no connection to the server. */
    @Override
    protected void assertNothingReachedTheBackend() {
        super.assertNothingReachedTheBackend();
        assertEquals(0, server().connections(), "no connection opened for a refused message");
    }

    /**
     * Also: every command on the wire, {@code MAIL FROM} and {@code RCPT TO} included, is
     * US-ASCII.
     */
    @Override
    @Assertion(id = "test_encodes_idna_in_smtp_commands", strategy = Strategy.REPRODUCED)
    public void internationalDomainsArePunycodedInTheEnvelope() {
        super.internationalDomainsArePunycodedInTheEnvelope();
        assertTrue(server().commands().stream().allMatch(c -> c.chars().allMatch(ch -> ch < 128)),
                () -> "every SMTP command is ASCII: " + server().commands());
    }

    /**
     * B-SMTP {@code test_email_msg_uses_crlf} (#23063), improved: every line of a multipart
     * message with alternatives and a text attachment written with bare LF ends in CRLF on the
     * wire.
     */
    @Assertion(id = "test_email_msg_uses_crlf", strategy = Strategy.IMPROVED)
    public void multipartUsesCrlfOnlyOnTheWire() {
        DeliveredMail mail = sendOne(message("CRLF").body("one\ntwo\rthree\r\nfour")
                .attachAlternative("<p>one</p>\n<p>two</p>", "text/html")
                .attach("notes.txt", "line one\nline two\n", "text/plain")
                .attach("data.bin", "a\nb\rc".getBytes(StandardCharsets.US_ASCII), "application/octet-stream")
                .build());
        byte[] raw = mail.raw();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                assertTrue(i > 0 && raw[i - 1] == '\r', "LF at " + i + " follows CR");
            }
            if (raw[i] == '\r') {
                assertTrue(i + 1 < raw.length && raw[i + 1] == '\n', "CR at " + i + " precedes LF");
            }
        }
        assertEquals("multipart/mixed(multipart/alternative(text/plain,text/html),text/plain,application/octet-stream)",
                Mails.structure(mail));
    }
}
