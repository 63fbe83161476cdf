package org.cdimail.cli;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;

/**
 * Turns one line of a {@code send-mass} file into an {@link EmailMessage}.
 *
 * <pre>
 * {"subject": str, "body": str, "from": str, "to": [str], "cc": [str], "bcc": [str],
 *  "reply_to": [str], "headers": {str: str}, "html": str,
 *  "alternatives": [{"content": str, "mimetype": str}],
 *  "content_subtype": "plain" | "html", "encoding": str,
 *  "list_unsubscribe": [str], "list_unsubscribe_one_click": bool,
 *  "attachments": [{"filename": str, "content": str} | {"filename": str, "content_base64": str}
 *                  | {"path": str} | {"message": {...}}]}
 * </pre>
 *
 * Every field is optional; an address field may also be a single string. An attachment may carry
 * {@code mimetype}, {@code disposition} ({@code attachment} or {@code inline}) and
 * {@code content_id} (which makes it inline). Unknown fields are refused, so that a misspelt
 * {@code "too"} cannot silently drop recipients. Relative paths are resolved against the working
 * directory. {@code list_unsubscribe} lists the {@code https}, {@code http} or {@code mailto} URIs of
 * {@code List-Unsubscribe}; with {@code "list_unsubscribe_one_click": true} (default false) the
 * message also gets {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), which
 * needs an {@code https} URI. Reasons name the field, never its value.
 */
final class JsonMessageParser {

    private static final Set<String> MESSAGE_FIELDS = Set.of("subject", "body", "from", "to", "cc", "bcc", "reply_to",
            "headers", "html", "alternatives", "content_subtype", "encoding", "attachments", "list_unsubscribe",
            "list_unsubscribe_one_click");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("filename", "content", "content_base64", "path",
            "message", "mimetype", "disposition", "content_id");
    private static final Set<String> ATTACHMENT_SOURCES = Set.of("content", "content_base64", "path", "message");
    private static final Set<String> ALTERNATIVE_FIELDS = Set.of("content", "mimetype");

    /**
     * Looked up once: {@code Json.createReader} looks the provider up through the service loader
     * on every call, which cost a third of the time of parsing a small line.
     */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private final Path workingDir;

    JsonMessageParser(Path workingDir) {
        this.workingDir = workingDir;
    }

    /**
     * Parses one line.
     *
     * @param line a JSON object
     * @return the message
     * @throws InvalidLineException why the line is not a valid message
     */
    EmailMessage parse(String line) throws InvalidLineException {
        JsonObject object;
        try (JsonReader reader = READERS.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidLineException("a line must be a JSON object");
            }
            object = value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidLineException("invalid JSON: " + Errors.describe(e));
        }
        try {
            return message(object, "");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // BadHeaderException is an IllegalArgumentException; its message names the header only.
            throw new InvalidLineException(Errors.oneLine(e));
        }
    }

    private EmailMessage message(JsonObject object, String where) throws InvalidLineException {
        refuseUnknown(object, MESSAGE_FIELDS, where);
        EmailMessage.Builder builder = EmailMessage.builder()
                .subject(string(object, "subject", where).orElse(null))
                .body(string(object, "body", where).orElse(null))
                .from(string(object, "from", where).orElse(null))
                .to(addresses(object, "to", where))
                .cc(addresses(object, "cc", where))
                .bcc(addresses(object, "bcc", where))
                .replyTo(addresses(object, "reply_to", where))
                .headers(headers(object, where))
                .contentSubtype(string(object, "content_subtype", where).orElse(null))
                .encoding(string(object, "encoding", where).orElse(null));
        Optional<String> html = string(object, "html", where);
        List<JsonObject> alternatives = objects(object, "alternatives", where);
        for (int i = 0; i < alternatives.size(); i++) {
            String at = field(where, "alternatives[" + i + "]");
            refuseUnknown(alternatives.get(i), ALTERNATIVE_FIELDS, at);
            builder.attachAlternative(required(alternatives.get(i), "content", at), required(alternatives.get(i), "mimetype", at));
        }
        html.ifPresent(h -> builder.attachAlternative(h, "text/html"));
        listUnsubscribe(builder, object, where);
        List<JsonObject> attachments = objects(object, "attachments", where);
        for (int i = 0; i < attachments.size(); i++) {
            builder.attach(attachment(attachments.get(i), field(where, "attachments[" + i + "]")));
        }
        return builder.build();
    }

    private EmailAttachment attachment(JsonObject object, String where) throws InvalidLineException {
        refuseUnknown(object, ATTACHMENT_FIELDS, where);
        List<String> sources = object.keySet().stream().filter(ATTACHMENT_SOURCES::contains).toList();
        if (sources.size() != 1) {
            throw new InvalidLineException(where + ": needs exactly one of content, content_base64, path, message");
        }
        String filename = string(object, "filename", where).orElse(null);
        String mimetype = string(object, "mimetype", where).orElse(null);
        EmailAttachment attachment = switch (sources.get(0)) {
            case "content" -> EmailAttachment.of(filename, required(object, "content", where), mimetype);
            case "content_base64" -> EmailAttachment.of(filename, base64(object, where), mimetype);
            case "path" -> {
                if (filename != null) {
                    throw new InvalidLineException(where + ": filename cannot be combined with path (the file's name is used)");
                }
                yield EmailAttachment.fromFile(workingDir.resolve(required(object, "path", where)), mimetype);
            }
            default -> {
                JsonValue message = object.get("message");
                if (message.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidLineException("field '" + field(where, "message") + "' must be an object");
                }
                yield EmailAttachment.message(message(message.asJsonObject(), field(where, "message")));
            }
        };
        return disposition(attachment, object, where);
    }

    private static EmailAttachment disposition(EmailAttachment attachment, JsonObject object, String where)
            throws InvalidLineException {
        Optional<String> contentId = string(object, "content_id", where);
        String disposition = string(object, "disposition", where).orElse(contentId.isPresent() ? "inline" : "attachment");
        switch (disposition) {
            case "attachment":
                if (contentId.isPresent()) {
                    throw new InvalidLineException(where + ": content_id is only for inline attachments");
                }
                return attachment;
            case "inline":
                if (contentId.isEmpty()) {
                    throw new InvalidLineException(where + ": an inline attachment needs a content_id");
                }
                return attachment.inline(contentId.get());
            default:
                throw new InvalidLineException("field '" + field(where, "disposition") + "' must be \"attachment\" or \"inline\"");
        }
    }

    private static byte[] base64(JsonObject object, String where) throws InvalidLineException {
        try {
            // Line breaks are allowed (MIME style); any other character outside the alphabet is not.
            return Base64.getDecoder().decode(required(object, "content_base64", where).replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidLineException("field '" + field(where, "content_base64") + "' is not valid base64");
        }
    }

    private static void refuseUnknown(JsonObject object, Set<String> known, String where) throws InvalidLineException {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidLineException("unknown field '" + field(where, key) + "'");
            }
        }
    }

    private static void listUnsubscribe(EmailMessage.Builder builder, JsonObject object, String where)
            throws InvalidLineException {
        List<String> uris = addresses(object, "list_unsubscribe", where);
        JsonValue oneClick = object.get("list_unsubscribe_one_click");
        boolean post = false;
        if (oneClick != null && oneClick.getValueType() != JsonValue.ValueType.NULL) {
            if (oneClick.getValueType() != JsonValue.ValueType.TRUE && oneClick.getValueType() != JsonValue.ValueType.FALSE) {
                throw new InvalidLineException("field '" + field(where, "list_unsubscribe_one_click") + "' must be"
                        + " true or false");
            }
            post = oneClick.getValueType() == JsonValue.ValueType.TRUE;
        }
        if (uris.isEmpty()) {
            if (post) {
                throw new InvalidLineException("field '" + field(where, "list_unsubscribe_one_click") + "' needs"
                        + " field '" + field(where, "list_unsubscribe") + "'");
            }
            return;
        }
        String[] array = uris.toArray(String[]::new);
        if (post) {
            builder.listUnsubscribeOneClick(array);
        } else {
            builder.listUnsubscribe(array);
        }
    }

    private static Optional<String> string(JsonObject object, String key, String where) throws InvalidLineException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new InvalidLineException("field '" + field(where, key) + "' must be a string");
    }

    private static String required(JsonObject object, String key, String where) throws InvalidLineException {
        return string(object, key, where)
                .orElseThrow(() -> new InvalidLineException("field '" + field(where, key) + "' is required"));
    }

    private static List<String> addresses(JsonObject object, String key, String where) throws InvalidLineException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        List<String> addresses = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new InvalidLineException("field '" + field(where, key) + "' must be a list of strings");
                }
                addresses.add(s.getString());
            }
            return addresses;
        }
        throw new InvalidLineException("field '" + field(where, key) + "' must be a string or a list of strings");
    }

    private static Map<String, String> headers(JsonObject object, String where) throws InvalidLineException {
        JsonValue value = object.get("headers");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidLineException("field '" + field(where, "headers") + "' must be an object of strings");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw new InvalidLineException("field '" + field(where, "headers") + "' must be an object of strings");
            }
            headers.put(e.getKey(), s.getString());
        }
        return headers;
    }

    private static List<JsonObject> objects(JsonObject object, String key, String where) throws InvalidLineException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        List<JsonObject> objects = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidLineException("field '" + field(where, key) + "' must be a list of objects");
                }
                objects.add(item.asJsonObject());
            }
            return objects;
        }
        throw new InvalidLineException("field '" + field(where, key) + "' must be a list of objects");
    }

    /** The path of a field for messages: {@code to}, {@code attachments[2].filename}. */
    private static String field(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** Why a line is not a message; the reason names fields, never their values. */
    static final class InvalidLineException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidLineException(String reason) {
            super(reason);
        }
    }
}
