package org.cdimail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@link QueueError} is the one place where the queue module's error ids are written: each constant has its
 * own number in the queue module's range, and no {@code CDIMAIL-nnnnn} id is typed anywhere else in
 * {@code src/main}.
 */
class QueueErrorTest {

    private static final Pattern TYPED_ID = Pattern.compile("CDIMAIL-\\d{5}");

    @Test
    void everyNumberIsInTheModulesRange() {
        for (QueueError error : QueueError.values()) {
            assertTrue(error.number() >= 550 && error.number() <= 599,
                    error.name() + " has " + error.number());
        }
    }

    @Test
    void noTwoErrorsShareANumber() {
        Map<Integer, QueueError> byNumber = new HashMap<>();
        for (QueueError error : QueueError.values()) {
            QueueError before = byNumber.putIfAbsent(error.number(), error);
            assertNull(before, error.name() + " has the number of " + before);
        }
    }

    @Test
    void aMessageIsTheIdAColonAndTheText() {
        QueueError first = QueueError.values()[0];
        assertEquals(String.format("CDIMAIL-%05d", first.number()), first.id());
        assertEquals(first.id(), first.toString());
        assertEquals(first.id() + ": the text", first.message("the text"));
    }

    @Test
    void noIdIsTypedOutsideTheErrorsClass() throws IOException {
        List<String> typed = new ArrayList<>();
        for (Path source : mainSources()) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                if (!comment && TYPED_ID.matcher(line).find()) {
                    typed.add(source + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertEquals(List.of(), typed, "use a constant of QueueError instead");
    }

    @Test
    void everyErrorIsRaisedSomewhere() throws IOException {
        StringBuilder code = new StringBuilder();
        for (Path source : mainSources()) {
            if (!source.endsWith("QueueError.java")) {
                code.append(Files.readString(source)).append('\n');
            }
        }
        List<String> unused = new ArrayList<>();
        for (QueueError error : QueueError.values()) {
            Matcher use = Pattern.compile("\\b" + error.name() + "\\b").matcher(code);
            if (!use.find()) {
                unused.add(error.name());
            }
        }
        assertEquals(List.of(), unused);
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
