package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTest {

    @TempDir
    Path dir;

    @Test
    void withoutACommandSaysWhichOnesExistAndExitsWith2() {
        CliRun.Result result = CliRun.run(dir);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("send, send-mass, debug-server, check, worker, queue or broker");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() {
        CliRun.Result result = CliRun.run(dir, "send", "--tu", "bob@example.com");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).startsWith("cdi-mail send: Unknown options: '--tu'").doesNotContain("bob@");
    }

    @Test
    void sendWithoutRecipientsIsAUsageError() {
        CliRun.Result result = CliRun.run(dir, "send", "--subject", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("cdi-mail: CDIMAIL-00402: nothing to send: give --to, --cc, --bcc, --admins or --managers\n");
    }

    @Test
    void bodyAndBodyFileExcludeEachOther() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "bob@example.com", "--body", "x", "--body-file", "b.txt");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("mutually exclusive");
    }

    @Test
    void sendMassOfAMissingFileIsAUsageError() {
        CliRun.Result result = CliRun.run(dir, "send-mass", "missing.jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00407: send-mass: not a readable file:");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CliRun.Result before = CliRun.run(dir, "--set", "mail.port=x", "check", "--backend", "smtp");
        CliRun.Result after = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.port=x");

        assertThat(before.err()).contains("mail.port").contains("must be a number");
        assertThat(after.err()).contains("mail.port").contains("must be a number");
    }

    @Test
    void globalOptionsBeforeAndAfterTheCommandAddUp() {
        CliRun.Result result = CliRun.run(dir, "--set", "mail.host=before.invalid", "--verbose", "check", "--backend", "smtp",
                "--set", "mail.port=x");

        assertThat(result.err()).contains("mail.port").contains("must be a number").contains("\tat ");
        CliRun.Result both = CliRun.run(dir, "--set", "mail.host=before.invalid", "check", "--backend", "smtp",
                "--set", "mail.port=1", "--set", "mail.timeout=1");
        assertThat(both.out()).contains("before.invalid:1");
    }

    @Test
    void helpListsEveryCommand() {
        CliRun.Result result = CliRun.run(dir, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("send ", "send-mass", "debug-server", "check");
    }
}
