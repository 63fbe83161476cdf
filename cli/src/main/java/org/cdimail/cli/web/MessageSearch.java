package org.cdimail.cli.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;

/**
 * The viewer's search: a message matches when each word of the query occurs, ignoring case, in
 * its subject, in an address or display name of {@code From}, {@code To} or {@code Cc}, or in its
 * text (the text body, and the HTML body without its tags).
 */
final class MessageSearch {

    private MessageSearch() {
    }

    /**
     * The messages that match a query.
     *
     * @param messages the messages, in the order to keep
     * @param query    words separated by white space; blank matches every message
     * @return the matching messages, in the same order
     */
    static List<StoredMessage> matching(List<StoredMessage> messages, String query) {
        List<String> terms = Arrays.stream(query.toLowerCase(Locale.ROOT).strip().split("\\s+"))
                .filter(t -> !t.isEmpty()).toList();
        if (terms.isEmpty()) {
            return messages;
        }
        List<StoredMessage> found = new ArrayList<>();
        for (StoredMessage message : messages) {
            if (matches(message, terms)) {
                found.add(message);
            }
        }
        return found;
    }

    private static boolean matches(StoredMessage message, List<String> terms) {
        String text = null;
        for (String term : terms) {
            if (message.summary().mentions(term)) {
                continue;
            }
            if (text == null) {
                text = text(message);
            }
            if (!text.contains(term)) {
                return false;
            }
        }
        return true;
    }

    /** The message's text in lowercase; empty when it cannot be read (a saved file was removed). */
    private static String text(StoredMessage message) {
        try {
            return MimeDecoder.searchableText(message.source()).toLowerCase(Locale.ROOT);
        } catch (IOException | MessagingException e) {
            return "";
        }
    }
}
