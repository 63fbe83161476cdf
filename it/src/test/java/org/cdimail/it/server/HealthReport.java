package org.cdimail.it.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MicroProfile Health response ({@code {"status":"UP","checks":[{"name":…,"status":…,"data":{…}}]}})
 * as the tests read it, parsed by a small JSON reader of its own (the test class path has no JSON
 * library, and this is all it needs).
 *
 * @param status the overall status, {@code UP} or {@code DOWN}
 * @param checks the checks, in the server's order
 */
public record HealthReport(String status, List<Check> checks) {

    /**
     * One check.
     *
     * @param name   its name
     * @param status {@code UP} or {@code DOWN}
     * @param data   its data, values as parsed (strings, numbers as {@code Double}, booleans, maps, lists)
     */
    public record Check(String name, String status, Map<String, Object> data) {
    }

    /**
     * Parses a response body.
     *
     * @param json the body
     * @return the report
     * @throws IllegalArgumentException if it is not a health response
     */
    @SuppressWarnings("unchecked")
    public static HealthReport parse(String json) {
        Object root = new Reader(json).document();
        if (!(root instanceof Map<?, ?> object) || !(object.get("status") instanceof String status)) {
            throw new IllegalArgumentException("not a health response: " + json);
        }
        List<Check> checks = new ArrayList<>();
        if (object.get("checks") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> check = (Map<String, Object>) item;
                Object data = check.getOrDefault("data", Map.of());
                checks.add(new Check((String) check.get("name"), (String) check.get("status"),
                        (Map<String, Object>) data));
            }
        }
        return new HealthReport(status, List.copyOf(checks));
    }

    /**
     * The checks of this name: one per deployment that reports it.
     *
     * @param name the check's name
     * @return the checks, in the server's order
     */
    public List<Check> checks(String name) {
        return checks.stream().filter(c -> name.equals(c.name())).toList();
    }

    /** A recursive-descent reader of one JSON document. */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Object document() {
            Object value = value();
            skipSpace();
            if (at != text.length()) {
                throw error("trailing characters");
            }
            return value;
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek() == '}') {
                at++;
                return object;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                object.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return object;
                }
            }
        }

        private List<Object> array() {
            List<Object> array = new ArrayList<>();
            at++;
            skipSpace();
            if (peek() == ']') {
                at++;
                return array;
            }
            while (true) {
                array.add(value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return array;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("expected " + word);
            }
            at += word.length();
            return value;
        }

        private Double number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("unexpected character");
            }
            return Double.valueOf(text.substring(start, at));
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + at + " of: " + text);
        }
    }
}
