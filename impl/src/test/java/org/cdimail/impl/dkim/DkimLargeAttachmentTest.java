package org.cdimail.impl.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;

/**
 * A 200 MB file attachment is signed without being held in memory: a forked JVM limited to 64 MB
 * of heap renders, signs (RSA and Ed25519) and writes the message. The forked JVM also hashes the
 * written body with an independent relaxed canonicalization of the whole bytes, line by line,
 * and checks that the {@code bh=} it signed is that hash.
 */
class DkimLargeAttachmentTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void signsA200MegabyteFileAttachmentWithA64MegabyteHeap() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "dkim-large"));
        Path file = dir.resolve("large-" + ProcessHandle.current().pid() + ".bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SIZE);
        }
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path rsa = DkimTestKeys.rsa().write(keys);
        Path ed = DkimTestKeys.ed25519().write(keys);
        Path output = dir.resolve("output-" + ProcessHandle.current().pid() + ".txt");
        Process process = null;
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    DkimLargeAttachmentTest.class.getName(), file.toString(), rsa.toString(), ed.toString()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("forked signing finished in time").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(printed);
            assertThat(process.exitValue()).as(printed).isZero();
            assertThat(printed).contains("bodyHashMatches=true").contains("signatures=2");
            long written = Long.parseLong(printed.lines().filter(l -> l.startsWith("bytes=")).findFirst()
                    .orElseThrow(() -> new AssertionError(printed)).substring("bytes=".length()));
            assertThat(written).isGreaterThan(SIZE);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(output);
        }
    }

    /** Runs in the forked JVM: signs and writes a message with the given file attached. */
    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        EmailMessage message = EmailMessage.builder().subject("Large").body("See the attachment.")
                .from("from@example.com").to("to@example.com").attachFile(Path.of(args[0])).build();
        DkimSigner signer = new DkimSigner(DkimTestKeys.DOMAIN, List.of(
                new DkimSigner.Selector("rsa", PemKeys.read(Path.of(args[1]), "rsa")),
                new DkimSigner.Selector("ed", PemKeys.read(Path.of(args[2]), "ed"))),
                Canonicalization.RELAXED, Canonicalization.RELAXED, null, Clock.systemUTC());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        HeaderCapture capture = new HeaderCapture(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        try (OutputStream out = capture) {
            new MimeRenderer(RenderSettings.defaults(), signer).writeTo(message, out);
        }
        String header = capture.header();
        String signedHash = header.substring(header.indexOf("bh=") + 3, header.indexOf(';', header.indexOf("bh=")));
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("bytes=" + capture.count());
        System.out.println("signatures=" + (header.split("DKIM-Signature:", -1).length - 1));
        System.out.println("bodyHashMatches=" + signedHash.equals(Base64.getEncoder().encodeToString(digest.digest())));
    }

    /**
     * Keeps the header, and feeds the body to an independent relaxed canonicalization that works
     * on whole lines (lines of base64 are short): white space at line ends dropped, runs made one
     * space, trailing empty lines dropped.
     */
    private static final class HeaderCapture extends OutputStream {
        private final StringBuilder header = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private final OutputStream body;
        private boolean inBody;
        private long count;
        private long emptyLines;

        HeaderCapture(OutputStream body) {
            this.body = body;
        }

        @Override
        public void write(int b) throws IOException {
            count++;
            if (!inBody) {
                header.append((char) b);
                if (header.length() >= 4 && header.lastIndexOf("\r\n\r\n") == header.length() - 4) {
                    inBody = true;
                }
                return;
            }
            if (b == '\n') {
                String text = relaxed(line);
                line.setLength(0);
                if (text.isEmpty()) {
                    emptyLines++;
                    return;
                }
                body.write("\r\n".repeat((int) emptyLines).getBytes(StandardCharsets.ISO_8859_1));
                emptyLines = 0;
                body.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void close() throws IOException {
            if (line.length() > 0) {
                write('\n');
            }
        }

        private static String relaxed(StringBuilder line) {
            StringBuilder text = new StringBuilder(line.length());
            boolean space = false;
            int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            for (int i = 0; i < end; i++) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t') {
                    space = true;
                } else {
                    if (space) {
                        text.append(' ');
                        space = false;
                    }
                    text.append(c);
                }
            }
            return text.toString();
        }

        String header() {
            return header.toString();
        }

        long count() {
            return count;
        }
    }
}
