package org.cdimail.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into the one line the command prints: the first {@code CDIMAIL-nnnnn}
 * message in the cause chain, or else the first line of the failure and of its deepest cause. Anything that looks like
 * an email address (servers sometimes echo recipients) is replaced by {@code <address>}, so that
 * no output of an error ever carries one.
 */
final class Errors {

    private static final Pattern ID = Pattern.compile("CDIMAIL-\\d{5}[^\\r\\n]*");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\",;:@]+@[^\\s<>()\\[\\]\",;:@]+");

    private Errors() {
    }

    /**
     * The one-line description of a failure.
     *
     * @param failure the failure
     * @return one line, without addresses
     */
    static String oneLine(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                Matcher m = ID.matcher(message);
                if (m.find()) {
                    return redact(m.group().strip());
                }
            }
            deepest = t;
        }
        String top = describe(failure);
        String root = describe(deepest);
        return deepest == failure || top.contains(root) ? top : top + ": " + root;
    }

    /**
     * A short description of one throwable: its message's first line, or its type when it has
     * none.
     *
     * @param t the throwable
     * @return one line, without addresses
     */
    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return redact(message.strip().lines().findFirst().orElse(message));
    }

    /**
     * Replaces every email address in a text by {@code <address>}.
     *
     * @param text any text, such as a server's reply
     * @return the text without addresses
     */
    static String redact(String text) {
        return ADDRESS.matcher(text).replaceAll("<address>");
    }
}
