package org.cdimail.cli;

import static org.cdimail.cli.CliError.CANNOT_LISTEN;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A development SMTP server on 127.0.0.1, as Django's {@code DebuggingServer}: it accepts every
 * message, prints it readably, optionally saves it as an {@code .eml} file, and delivers nothing.
 *
 * <p>The SMTP protocol is GreenMail's. Instead of storing messages in mailboxes, a delivery
 * handler receives each one: GreenMail calls it once per recipient with the same message, so the
 * first call prints it and the others are ignored. The server itself keeps nothing in memory; a
 * {@link Listener} (the web view) may.
 */
final class DebugServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final int port;
    private final Optional<Path> saveDir;
    private final Consumer<String> output;
    private final Listener listener;
    private final AtomicInteger received = new AtomicInteger();
    private final GreenMail greenMail;
    private MovingMessage lastPrinted;

    /**
     * A server, not yet listening.
     *
     * @param port     the port, 0 for any free one
     * @param saveDir  where to save each message as {@code .eml}, if anywhere
     * @param output   receives the description of each message
     * @param listener receives each message once, after it was saved and before it is printed
     */
    DebugServer(int port, Optional<Path> saveDir, Consumer<String> output, Listener listener) {
        this.port = port;
        this.saveDir = saveDir;
        this.output = output;
        this.listener = listener;
        ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        this.greenMail = new PrintingGreenMail(port == 0 ? setup.dynamicPort() : setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    /**
     * Starts listening.
     *
     * @return the port it listens on
     * @throws CliException if the port cannot be bound
     */
    int start() {
        if (port != 0) {
            refuseIfInUse(port);
        }
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, CANNOT_LISTEN.message("debug-server: cannot listen on " + HOST
                    + ":" + port + ": " + Errors.oneLine(e)), e);
        }
        return greenMail.getSmtp().getPort();
    }

    /** GreenMail's own start-up failure does not say why; a quick bind does. */
    private static void refuseIfInUse(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, CANNOT_LISTEN.message("debug-server: cannot listen on " + HOST
                    + ":" + port + ": " + Errors.describe(e)), e);
        }
    }

    /**
     * The number of messages received so far.
     *
     * @return the count
     */
    int received() {
        return received.get();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private synchronized GreenMailUser receive(MovingMessage message, MailAddress recipient) {
        if (message != lastPrinted) {
            lastPrinted = message;
            int number = received.incrementAndGet();
            List<String> envelopeTo = message.getToAddresses().stream().map(MailAddress::getEmail).sorted().toList();
            String from = message.getReturnPath() == null ? "" : message.getReturnPath().getEmail();
            Optional<Path> saved = saveDir.map(dir -> save(dir, number, message.getMessage()));
            // The listener first: once the terminal shows a message, the web view has it too.
            try {
                listener.received(number, from, envelopeTo, message.getMessage(), saved);
            } catch (MessagingException | IOException e) {
                output.accept("(message " + number + " is not in the web view: " + Errors.describe(e) + ")");
            }
            output.accept(describe(number, from, envelopeTo, message.getMessage(), saved));
        }
        return new DiscardingUser(recipient.getEmail());
    }

    private static String describe(int number, String from, List<String> to, MimeMessage message, Optional<Path> saved) {
        StringBuilder text = new StringBuilder();
        try {
            text.append(MessagePrinter.describe(number, from, to, message));
        } catch (MessagingException | IOException e) {
            text.append("---------- message ").append(number).append(" ----------\n")
                    .append("(cannot be shown: ").append(Errors.describe(e)).append(")\n");
        }
        saved.ifPresent(file -> text.append("Saved as ").append(file).append('\n'));
        text.append("---------- end of message ").append(number).append(" ----------");
        return text.toString();
    }

    /** What else happens to each message, once, after it was saved and before it is printed. */
    @FunctionalInterface
    interface Listener {
        /** Does nothing. */
        Listener NONE = (number, envelopeFrom, envelopeTo, message, savedAs) -> {
        };

        /**
         * Receives one message.
         *
         * @param number       its number in this server run
         * @param envelopeFrom the {@code MAIL FROM} address, empty for a null sender
         * @param envelopeTo   the {@code RCPT TO} addresses, sorted
         * @param message      the message
         * @param savedAs      the file it was saved as, with {@code --save}
         * @throws MessagingException if the message cannot be read
         * @throws IOException        if it cannot be kept
         */
        void received(int number, String envelopeFrom, List<String> envelopeTo, MimeMessage message, Optional<Path> savedAs)
                throws MessagingException, IOException;
    }

    private static Path save(Path dir, int number, MimeMessage message) {
        String stem = LocalDateTime.now().format(FILE_TIME) + "-" + number;
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(stem + (attempt == 0 ? "" : "-" + attempt) + ".eml");
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                message.writeTo(out);
                return file;
            } catch (FileAlreadyExistsException e) {
                // A file of an earlier run with the same second and number: try the next name.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** GreenMail with this server's delivery handler installed before any connection is accepted. */
    private final class PrintingGreenMail extends GreenMail {
        PrintingGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            MessageDeliveryHandler handler = DebugServer.this::receive;
            managers.getUserManager().setMessageDeliveryHandler(handler);
            return super.createServices(config, managers);
        }
    }

    /** A recipient that keeps nothing: the message was printed already. */
    private record DiscardingUser(String email) implements GreenMailUser {
        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage message) {
            // Printed, not stored.
        }

        @Override
        public void deliver(MimeMessage message) {
            // Printed, not stored.
        }

        @Override
        public void create() {
            // No mailbox.
        }

        @Override
        public void delete() {
            // No mailbox.
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
            // Authentication is disabled.
        }

        @Override
        public void authenticate(String password) {
            // Authentication is disabled.
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
