package org.cdimail.cli.web;

import java.util.List;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.cdimail.cli.web.DecodedMessage.PartInfo;
import org.cdimail.cli.web.MessageSummary.Mailbox;

/**
 * The JSON of the API: a message as the list shows it, and a message taken apart. The field
 * names are documented in {@code docs/debug-server.md}; a change there is a change here.
 */
final class MessageJson {

    private MessageJson() {
    }

    /**
     * A message as the list shows it.
     *
     * @param message the message
     * @return {@code id}, {@code received}, {@code from}, {@code to}, {@code cc}, {@code subject},
     *         {@code size}, {@code attachments}
     */
    static JsonObjectBuilder summary(StoredMessage message) {
        MessageSummary summary = message.summary();
        return Json.createObjectBuilder()
                .add("id", message.id())
                .add("received", message.received().toString())
                .add("from", mailboxes(summary.from()))
                .add("to", mailboxes(summary.to()))
                .add("cc", mailboxes(summary.cc()))
                .add("subject", summary.subject())
                .add("size", message.size())
                .add("attachments", summary.attachments());
    }

    /**
     * A page of the list.
     *
     * @param total    how many messages matched
     * @param messages the messages on this page, newest first
     * @return {@code total}, {@code count}, {@code messages}
     */
    static JsonObject list(int total, List<StoredMessage> messages) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        messages.forEach(m -> array.add(summary(m)));
        return Json.createObjectBuilder().add("total", total).add("count", messages.size()).add("messages", array).build();
    }

    /**
     * A message taken apart: its summary and envelope, headers, bodies and parts.
     *
     * @param message  the message
     * @param decoded  its decoded form
     * @param hasRemoteContent whether its HTML seems to refer to remote content
     * @return the summary's fields and {@code envelope}, {@code headers}, {@code rawHeaders},
     *         {@code text}, {@code html}, {@code htmlUrl}, {@code hasRemoteContent},
     *         {@code parts}, {@code rawUrl}
     */
    static JsonObject message(StoredMessage message, DecodedMessage decoded, boolean hasRemoteContent) {
        String base = "/api/v1/message/" + message.id();
        JsonArrayBuilder to = Json.createArrayBuilder();
        message.envelopeTo().forEach(to::add);
        JsonArrayBuilder headers = Json.createArrayBuilder();
        decoded.headers().forEach(h -> headers.add(Json.createObjectBuilder().add("name", h.name()).add("value", h.value())));
        JsonArrayBuilder parts = Json.createArrayBuilder();
        for (PartInfo part : decoded.parts()) {
            parts.add(Json.createObjectBuilder()
                    .add("index", part.index())
                    .add("contentType", part.contentType())
                    .add("filename", part.filename())
                    .add("contentId", part.contentId())
                    .add("kind", part.kind().name().toLowerCase(Locale.ROOT))
                    .add("size", part.size())
                    .add("url", base + "/part/" + part.index()));
        }
        JsonObjectBuilder json = summary(message)
                .add("envelope", Json.createObjectBuilder().add("from", message.envelopeFrom()).add("to", to))
                .add("headers", headers)
                .add("rawHeaders", decoded.rawHeaders())
                .add("text", decoded.text().orElse(""))
                .add("html", decoded.html().orElse(""))
                .add("hasRemoteContent", hasRemoteContent)
                .add("parts", parts)
                .add("rawUrl", base + "/raw");
        if (decoded.html().isPresent()) {
            json.add("htmlUrl", "/view/" + message.id() + "/html");
        } else {
            json.addNull("htmlUrl");
        }
        return json.build();
    }

    private static JsonArrayBuilder mailboxes(List<Mailbox> boxes) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        boxes.forEach(b -> array.add(Json.createObjectBuilder().add("name", b.name()).add("address", b.address())));
        return array;
    }
}
