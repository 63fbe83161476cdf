package org.cdimail.impl.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent DKIM verifier: Debian's {@code python3-dkim} (dkimpy), run with
 * {@code /usr/bin/python3} on {@code verify.py}, with the test keys' TXT records as its DNS. A
 * missing dkimpy is a failure with the command that installs it, never a skipped test.
 */
public final class PythonDkimVerifier {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * The verifier's verdict.
     *
     * @param exitCode 0 when every signature verified
     * @param output   what it printed, one line per signature
     */
    public record Verdict(int exitCode, String output) {
        /** @return whether every signature verified */
        public boolean verified() {
            return exitCode == 0;
        }
    }

    private PythonDkimVerifier() {
    }

    /**
     * Verifies every signature of {@code message}.
     *
     * @throws AssertionError if the verifier cannot run (python3 or python3-dkim missing)
     */
    public static Verdict verify(byte[] message, DkimTestKeys... keys) {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError("/usr/bin/python3 is missing: the DKIM tests need Debian's python3 and"
                    + " python3-dkim (apt-get install -y python3-dkim)");
        }
        Path dir = Path.of("target", "dkim-verify");
        Path file = null;
        Path output = null;
        Process process = null;
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("verify.py");
            try (InputStream in = PythonDkimVerifier.class.getResourceAsStream("verify.py")) {
                Files.write(script, in.readAllBytes());
            }
            file = Files.createTempFile(dir, "message-", ".eml");
            output = Files.createTempFile(dir, "verdict-", ".txt");
            Files.write(file, message);
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), file.toString()));
            for (DkimTestKeys key : keys) {
                command.add(key.verifierArgument());
            }
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the DKIM verifier did not finish within 60 s");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() == 3) {
                throw new AssertionError("the independent DKIM verifier cannot run: " + printed.strip());
            }
            return new Verdict(process.exitValue(), printed.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            delete(file);
            delete(output);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // target/ is cleaned anyway
            }
        }
    }
}
