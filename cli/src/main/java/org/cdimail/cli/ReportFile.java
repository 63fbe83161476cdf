package org.cdimail.cli;

import static org.cdimail.cli.CliError.REPORT_NOT_CREATED;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import org.cdimail.Receipt;
import org.cdimail.Refusal;

/**
 * The {@code send-mass --report FILE}: one JSON object per non-blank input line, in line order,
 * written as each batch ends, so that a script can retry exactly the deferred recipients.
 *
 * <pre>
 * {"line": 7, "status": "partly_sent", "message_id": "&lt;...&gt;",
 *  "accepted": ["ada@example.com"],
 *  "refused": [{"recipient": "bob@example.com", "code": 450, "enhanced_code": "4.2.2", "temporary": true}],
 *  "reply_code": 250, "queue_id": "4Xyz", "sent_at": "2026-12-04T19:02:11.204Z", "error": "..."}
 * </pre>
 *
 * {@code line} and {@code status} ({@code sent}, {@code partly_sent}, {@code not_sent},
 * {@code not_attempted}, {@code invalid}, {@code unknown}) are always present. {@code accepted}
 * and {@code refused} are present for every line whose message was read, possibly empty. A
 * refusal has {@code recipient} and {@code temporary}, and {@code code}, {@code enhanced_code}
 * and {@code reason} when known. {@code message_id}, {@code reply_code}, {@code queue_id} and
 * {@code sent_at} appear when the backend reported them; {@code error} (one line, without
 * addresses) for every line not sent to all its recipients. Addresses appear only in
 * {@code accepted} and {@code refused}. Documented in {@code docs/cli.md}.
 */
final class ReportFile implements AutoCloseable {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private final Path path;
    private final Writer out;

    private ReportFile(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Creates (or empties) the report file.
     *
     * @param path the file
     * @return the report, open
     * @throws CliException (usage) when the file cannot be created
     */
    static ReportFile create(Path path) {
        try {
            return new ReportFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, REPORT_NOT_CREATED.message("--report: cannot write " + path + ": "
                    + Errors.describe(e)), e);
        }
    }

    /**
     * Writes one line's object.
     *
     * @param outcome the line's outcome
     * @throws UncheckedIOException when writing fails
     */
    void write(LineOutcome outcome) {
        try {
            out.write(toJson(outcome));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON text of one line's outcome.
     *
     * @param outcome the outcome
     * @return one JSON object, without a line break
     */
    static String toJson(LineOutcome outcome) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("line", outcome.line())
                .add("status", outcome.status().jsonName());
        outcome.receiptIfAny().ifPresent(receipt -> describe(receipt, line));
        if (outcome.reason() != null) {
            line.add("error", outcome.reason());
        }
        return line.build().toString();
    }

    private static void describe(Receipt receipt, JsonObjectBuilder line) {
        receipt.messageId().ifPresent(id -> line.add("message_id", id));
        JsonArrayBuilder accepted = JSON.createArrayBuilder();
        receipt.accepted().forEach(accepted::add);
        line.add("accepted", accepted);
        JsonArrayBuilder refused = JSON.createArrayBuilder();
        for (Refusal refusal : receipt.refused()) {
            JsonObjectBuilder r = JSON.createObjectBuilder().add("recipient", refusal.recipient());
            refusal.code().ifPresent(code -> r.add("code", code));
            refusal.enhancedCode().ifPresent(code -> r.add("enhanced_code", code));
            r.add("temporary", refusal.temporary());
            refusal.reason().ifPresent(reason -> r.add("reason", Errors.redact(reason)));
            refused.add(r);
        }
        line.add("refused", refused);
        receipt.replyCode().ifPresent(code -> line.add("reply_code", code));
        receipt.queueId().ifPresent(id -> line.add("queue_id", id));
        receipt.sentAt().ifPresent(at -> line.add("sent_at", at.toString()));
    }

    /** The file, for messages. */
    Path path() {
        return path;
    }

    /**
     * Flushes and closes the file.
     *
     * @throws UncheckedIOException when the last writes fail
     */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
