package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.cdimail.BadHeaderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The last line of defence for header bytes on the SMTP wire (issue 12). */
class HeaderLinesTest {

    /** A folded header line is written as given, CRLF added. */
    @Test
    void writesPrintableAsciiLinesAndFoldsAsGiven() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new HeaderLines(out).writeln("Subject: a\tb\r\n c");

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Subject: a\tb\r\n c\r\n");
    }

    /**
     * A char whose low byte is CR or LF (U+010A, U+010D, U+020A), raw UTF-8, a control or a bare
     * line break is refused, naming the header, and nothing of the line is written.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-ID: <x\u010AX-Evil: 3>", "Content-ID: <x\u010DX-Evil: 3>",
            "Content-ID: <x\u020AX-Evil: 3>", "Content-ID: <lögo>", "Content-ID: <x\u0001>", "Content-ID: <x\u007f>",
            "Content-ID: <x\nX-Evil: 3>", "Content-ID: <x\rX-Evil: 3>", "Content-ID: <x\r\nX-Evil: 3>",
            "Content-ID: <x>\r\n", "Content-ID: <x\r\n>"})
    void refusesAnythingButPrintableAsciiAndFolds(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> new HeaderLines(out).writeln(line)).isInstanceOf(BadHeaderException.class)
                .hasMessageContaining("'Content-ID'").hasMessageNotContaining("X-Evil");
        assertThat(out.size()).isZero();
    }

    /** A line that does not start with a field name is refused without quoting it. */
    @Test
    void refusesWithoutQuotingALineWithoutAFieldName() {
        for (String line : new String[] {"ada@example.com\u010A", "ada@example.com: \u010A"}) {
            assertThatThrownBy(() -> new HeaderLines(new ByteArrayOutputStream()).writeln(line))
                    .isInstanceOf(BadHeaderException.class).hasMessageNotContaining("@");
        }
    }
}
