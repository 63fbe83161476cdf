package org.cdimail.tck.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cdimail.tck.support.RecordingSmtpServer.Violation;
import org.junit.jupiter.api.Test;

/**
 * The recording server's pipelining checks, driven by a raw socket client that keeps or breaks
 * the rules on purpose: what the TCK's SMTP tests rely on to catch a client that does not wait
 * for a reply.
 */
class RecordingSmtpServerTest {

    @Test
    void offersPipeliningUnlessToldNot() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start();
                RecordingSmtpServer lockstep = RecordingSmtpServer.start().withoutPipelining();
                RawClient withIt = new RawClient(server);
                RawClient withoutIt = new RawClient(lockstep)) {
            assertTrue(withIt.ehlo().contains("250-PIPELINING"));
            assertFalse(withoutIt.ehlo().contains("PIPELINING"));
            assertTrue(withoutIt.ehlo().contains("8BITMIME"));
        }
    }

    @Test
    void aGroupEndingWithDataIsAllowedWherePipeliningIsOffered() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start(); RawClient client = new RawClient(server)) {
            client.ehlo();
            client.write("MAIL FROM:<a@example.com> BODY=8BITMIME\r\nRCPT TO:<b@example.com>\r\n"
                    + "RCPT TO:<c@example.com>\r\nDATA\r\n");
            assertEquals(List.of("250", "250", "250", "354"), client.codes(4));
            client.write("Subject: grouped\r\n\r\nbody\r\n.\r\n");
            assertEquals(List.of("250"), client.codes(1));

            assertEquals(List.of(), server.violations());
            assertTrue(server.pipelinedInputs() > 0, "the group was seen as pipelined");
            assertEquals(List.of("b@example.com", "c@example.com"), server.transactions().get(0).recipients());
            assertEquals(List.of("BODY=8BITMIME"), server.transactions().get(0).mailParameters());
        }
    }

    @Test
    void contentBeforeThe354IsAViolation() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start(); RawClient client = new RawClient(server)) {
            client.ehlo();
            client.write("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
                    + "Subject: too early\r\n\r\nbody\r\n.\r\n");
            assertEquals(List.of("250", "250", "354", "250"), client.codes(4));

            assertEquals(List.of(new Violation(1, "input after DATA before its reply, DATA ends a pipelined group")),
                    server.violations());
        }
    }

    @Test
    void anyCommandBeforeTheReplyIsAViolationWithoutPipelining() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start().withoutPipelining();
                RawClient client = new RawClient(server)) {
            client.ehlo();
            client.write("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n");
            assertEquals(List.of("250", "250"), client.codes(2));

            assertEquals(List.of(new Violation(1, "input after MAIL before its reply, PIPELINING not offered")),
                    server.violations());
            assertEquals(0, server.pipelinedInputs());
        }
    }

    @Test
    void waitingForEachReplyIsNoViolationWithoutPipelining() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start().withoutPipelining();
                RawClient client = new RawClient(server)) {
            client.ehlo();
            for (String command : List.of("MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>", "DATA",
                    "Subject: lockstep\r\n\r\nbody\r\n.", "QUIT")) {
                client.write(command + "\r\n");
                client.codes(1);
            }
            assertEquals(List.of(), server.violations());
            assertEquals(1, server.transactions().size());
        }
    }

    @Test
    void contentAfterARefusedDataIsAViolation() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start(); RawClient client = new RawClient(server)) {
            server.refuse("nobody@example.com");
            client.ehlo();
            client.write("MAIL FROM:<a@example.com>\r\nRCPT TO:<nobody@example.com>\r\nDATA\r\n");
            assertEquals(List.of("250", "550", "554"), client.codes(3));
            client.write("Subject: sent anyway\r\n");
            assertEquals(List.of("502"), client.codes(1));

            assertEquals(List.of(new Violation(1, "message content after a refused DATA")), server.violations());
            assertEquals(List.of(), server.transactions());
        }
    }

    @Test
    void aRefusedSenderRefusesItsGroupAndTheNextTransactionWorks() throws IOException {
        try (RecordingSmtpServer server = RecordingSmtpServer.start(); RawClient client = new RawClient(server)) {
            server.refuseSender("blocked@example.com");
            client.ehlo();
            client.write("MAIL FROM:<blocked@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
            assertEquals(List.of("550", "503", "503"), client.codes(3));
            client.write("RSET\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
            assertEquals(List.of("250", "250", "250", "354"), client.codes(4));
            client.write("Subject: next\r\n\r\n.\r\n");
            assertEquals(List.of("250"), client.codes(1));

            assertEquals(List.of(), server.violations());
            assertEquals("a@example.com", server.transactions().get(0).sender());
        }
    }

    /** A client on a raw socket: writes exactly the bytes it is given, reads reply codes. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawClient(RecordingSmtpServer server) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            codes(1); // the greeting
        }

        /** Sends EHLO and returns the whole reply. */
        String ehlo() throws IOException {
            write("EHLO client\r\n");
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = readLine();
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return reply.toString();
        }

        /** Writes in one call, so that the bytes leave together as a pipelining client sends a group. */
        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The codes of the next {@code count} single-line replies. */
        List<String> codes(int count) throws IOException {
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                codes.add(readLine().substring(0, 3));
            }
            return codes;
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b == -1) {
                throw new IOException("the server closed the connection");
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
