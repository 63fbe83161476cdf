package org.cdimail.example.shop.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's {@code @MailTest} example is the test the build runs: the {@code ```java} block
 * that starts with {@code @MailTest} appears in {@code SignupTest.java}, whitespace aside.
 */
class ReadmeSnippetsTest {

    /** From the module's directory, surefire's working directory. */
    private static final Path README = Path.of("..", "README.md");
    private static final Path SIGNUP_TEST = Path.of("src", "test", "java", "org", "cdimail", "example", "shop",
            "SignupTest.java");

    private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\n(.*?)^```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void theReadmesMailTestExampleIsSignupTest() throws IOException {
        List<String> examples = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8)).results()
                .map(block -> block.group(1)).filter(block -> block.startsWith("@MailTest")).toList();
        assertEquals(1, examples.size(), "```java blocks of the README starting with @MailTest");

        String signupTest = Files.readString(SIGNUP_TEST, StandardCharsets.UTF_8);
        assertTrue(normalised(signupTest).contains(normalised(examples.get(0))),
                "SignupTest.java contains, whitespace aside, the README's example:\n" + examples.get(0));
    }

    private static String normalised(String code) {
        return code.strip().replaceAll("\\s+", " ");
    }
}
