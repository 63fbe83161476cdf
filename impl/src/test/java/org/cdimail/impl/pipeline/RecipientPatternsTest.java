package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import org.cdimail.impl.config.InvalidSettingException;

/** {@code allowed-recipients} patterns: globs and {@code regex:}, case-insensitive, on the whole address. */
class RecipientPatternsTest {

    private static final String KEY = "mail.staging.allowed-recipients";

    @Test
    void aDomainGlobAllowsEveryAddressOfThatDomainOnly() {
        RecipientPatterns patterns = RecipientPatterns.parse(KEY, "*@example.com");
        assertThat(patterns.allows("ada@example.com")).isTrue();
        assertThat(patterns.allows("ADA@Example.COM")).isTrue();
        assertThat(patterns.allows("ada@example.com.evil.org")).isFalse();
        assertThat(patterns.allows("ada@sub.example.org")).isFalse();
    }

    @Test
    void aGlobMatchesTheWholeAddressAndTreatsRegexCharactersLiterally() {
        RecipientPatterns patterns = RecipientPatterns.parse(KEY, "qa+*@example.org, bob?@ex.com");
        assertThat(patterns.allows("qa+run17@example.org")).isTrue();
        assertThat(patterns.allows("qaa@example.org")).as("+ is not a quantifier").isFalse();
        assertThat(patterns.allows("bob1@ex.com")).isTrue();
        assertThat(patterns.allows("bob@ex.com")).as("? is exactly one character").isFalse();
        assertThat(patterns.allows("bob1@exacom")).as(". is a dot").isFalse();
    }

    @Test
    void aRegexIsMatchedWholeAndCaseInsensitivelyAndMayHoldCommas() {
        RecipientPatterns patterns = RecipientPatterns.parse(KEY, "regex:[a-z]{2,3}@(test|qa)\\.example\\.com,*@other.org");
        assertThat(patterns.allows("ab@test.example.com")).isTrue();
        assertThat(patterns.allows("ABC@QA.example.com")).isTrue();
        assertThat(patterns.allows("abcd@qa.example.com")).isFalse();
        assertThat(patterns.allows("x-ab@test.example.com")).as("the whole address").isFalse();
        assertThat(patterns.allows("anyone@other.org")).isTrue();
    }

    @Test
    void anInvalidRegexNamesTheKeyAndThePositionButNotThePattern() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class, () -> RecipientPatterns.parse(KEY,
                "*@example.com, regex:secret(unclosed@example\\.com"));
        assertThat(e.key()).isEqualTo(KEY);
        assertThat(e.getMessage()).startsWith("CDIMAIL-00320").contains(KEY).contains("pattern 2")
                .doesNotContain("secret").doesNotContain("unclosed");
    }

    @Test
    void emptyPatternsAndGlobsThatMatchNoAddressAreInvalid() {
        for (String value : new String[] { "*@example.com,", "regex:", "example.com", "a b@example.com" }) {
            assertThat(catchThrowableOfType(InvalidSettingException.class, () -> RecipientPatterns.parse(KEY, value)))
                    .as(value).isNotNull();
        }
    }
}
