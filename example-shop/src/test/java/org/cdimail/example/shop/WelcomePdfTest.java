package org.cdimail.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The welcome PDF is a well-formed file: every offset its cross-reference table gives is right. */
class WelcomePdfTest {

    private static final String PDF = new String(WelcomePdf.create("Welcome (again) to the shop!"),
            StandardCharsets.US_ASCII);

    @Test
    void startsWithTheHeaderAndEndsWithTheEndOfFileMarker() {
        assertTrue(PDF.startsWith("%PDF-1.4\n"));
        assertTrue(PDF.endsWith("%%EOF\n"));
    }

    @Test
    void startxrefPointsAtTheCrossReferenceTable() {
        Matcher startxref = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(PDF);
        assertTrue(startxref.find());
        assertTrue(PDF.startsWith("xref\n0 6\n", Integer.parseInt(startxref.group(1))));
    }

    @Test
    void everyCrossReferenceEntryPointsAtItsObject() {
        List<String> entries = Pattern.compile("(\\d{10}) 00000 n \n").matcher(PDF).results()
                .map(m -> m.group(1)).toList();
        assertEquals(5, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertTrue(PDF.startsWith((i + 1) + " 0 obj\n", Integer.parseInt(entries.get(i))), "object " + (i + 1));
        }
    }

    @Test
    void theContentStreamHasTheLengthItDeclares() {
        Matcher stream = Pattern.compile("/Length (\\d+) >>\nstream\n(.*?)endstream", Pattern.DOTALL).matcher(PDF);
        assertTrue(stream.find());
        assertEquals(Integer.parseInt(stream.group(1)), stream.group(2).length());
        assertTrue(stream.group(2).contains("(Welcome \\(again\\) to the shop!) Tj"));
    }
}
