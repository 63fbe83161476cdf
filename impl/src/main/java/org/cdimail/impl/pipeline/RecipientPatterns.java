package org.cdimail.impl.pipeline;

import static org.cdimail.impl.ImplError.INVALID_RECIPIENT_PATTERN;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cdimail.impl.config.InvalidSettingException;

/**
 * The patterns of {@code allowed-recipients}: comma-separated, each a glob ({@code *} any
 * characters, {@code ?} one) or {@code regex:} and a Java regular expression, matched
 * case-insensitively against the whole address. A comma inside a regular expression's
 * parentheses, brackets or braces does not split. Immutable and thread-safe.
 */
final class RecipientPatterns {

    private static final String REGEX = "regex:";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final List<Pattern> patterns;

    private RecipientPatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Parses the value of {@code key}.
     *
     * @param key   the key, for messages
     * @param value its value, not blank
     * @return the patterns
     * @throws InvalidSettingException naming the key and the pattern's position (never the
     *                                 pattern, which may be an address), if a pattern is invalid
     */
    static RecipientPatterns parse(String key, String value) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> items = split(value);
        for (int i = 0; i < items.size(); i++) {
            patterns.add(compile(key, i + 1, items.get(i)));
        }
        return new RecipientPatterns(patterns);
    }

    /**
     * @param address an address ({@code ada@example.com}, no display name)
     * @return whether a pattern matches it whole
     */
    boolean allows(String address) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(address).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String key, int position, String item) {
        if (item.startsWith(REGEX)) {
            String expression = item.substring(REGEX.length()).strip();
            if (expression.isEmpty()) {
                throw invalid(key, position, "regex: has no expression");
            }
            try {
                return Pattern.compile(expression, FLAGS);
            } catch (PatternSyntaxException e) {
                throw invalid(key, position, "not a Java regular expression (" + e.getDescription() + " near index "
                        + e.getIndex() + ")");
            }
        }
        if (item.isEmpty()) {
            throw invalid(key, position, "it is empty");
        }
        if (item.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(key, position, "a glob has no spaces or control characters");
        }
        if (item.indexOf('@') < 0 && item.indexOf('*') < 0) {
            throw invalid(key, position, "a glob without @ or * matches no address (for a domain, write *@domain)");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : item.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), FLAGS);
    }

    /** Splits at commas, except inside a regular expression's groups, classes and quantifiers. */
    static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean escaped = false;
        for (char c : value.toCharArray()) {
            boolean regex = current.toString().stripLeading().startsWith(REGEX);
            if (c == ',' && depth == 0 && !escaped) {
                items.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
            if (!regex) {
                continue;
            }
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        items.add(current.toString().strip());
        return items;
    }

    private static InvalidSettingException invalid(String key, int position, String why) {
        return new InvalidSettingException(key, INVALID_RECIPIENT_PATTERN.message(key + ": pattern " + position
                + " is invalid: " + why + " (expected: comma-separated globs such as *@example.com, or regex:<Java regex>)"));
    }

    @Override
    public String toString() {
        return "RecipientPatterns[" + patterns.size() + "]";
    }
}
