package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineBreaksTest {

    @Test
    void everyKindOfLineBreakBecomesCrlf() {
        assertThat(Parts.crlf("a\nb\rc\r\nd\n\re\r\r\nf")).isEqualTo("a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\nf");
    }

    @Test
    void aLoneCarriageReturnAtTheEndBecomesCrlf() {
        assertThat(Parts.crlf("a\r")).isEqualTo("a\r\n");
        assertThat(Parts.crlf("\n")).isEqualTo("\r\n");
    }

    @Test
    void textAlreadyInCrlfOrWithoutBreaksIsReturnedAsItIs() {
        String crlf = "one\r\ntwo\r\n";
        assertThat(Parts.crlf(crlf)).isSameAs(crlf);
        assertThat(Parts.crlf("")).isEmpty();
        assertThat(Parts.crlf("no breaks")).isEqualTo("no breaks");
    }
}
