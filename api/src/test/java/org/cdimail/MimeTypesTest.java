package org.cdimail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Guessing a MIME type from a file name, as Python's {@code mimetypes.guess_type} does for Django. */
class MimeTypesTest {

    @ParameterizedTest
    @CsvSource({
        "report.pdf, application/pdf",
        "notes.txt, text/plain",
        "page.HTML, text/html",
        "photo.jpeg, image/jpeg",
        "archive.tar.gz, application/gzip",
        "sheet.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "forwarded.eml, message/rfc822",
        "data.csv, text/csv"
    })
    void guessesCommonTypesFromTheExtensionIgnoringCase(String name, String expected) {
        assertThat(MimeTypes.guess(name)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noextension", "trailingdot.", "file.unknownextension"})
    void guessesNothingWithoutAKnownExtension(String name) {
        assertThat(MimeTypes.guess(name)).isEmpty();
    }
}
