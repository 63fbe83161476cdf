package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.RENDERED_HEADER_GIVEN;

import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;

/**
 * Writes a message's headers: Subject, From, To, Cc, Reply-To, Date, Message-ID, then the extra
 * headers, which may override how the first six are displayed (never the envelope). Bcc is never
 * written. Every value is ASCII: encoded words, IDNA domains, folded lines.
 */
final class MessageHeaders {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** Headers whose value is a list of addresses, formatted (IDNA, encoded words) when given as overrides. */
    private static final Set<String> ADDRESS_HEADERS = Set.of("from", "to", "cc", "reply-to", "sender",
            "resent-from", "resent-to", "resent-cc", "resent-sender", "resent-reply-to");

    /** Headers rendered from the message's fields unless overridden; not rendered again as extra headers. */
    private static final Set<String> FIELD_HEADERS = Set.of("from", "to", "cc", "reply-to", "date", "message-id");

    /** Headers that describe the content: rendering sets them, an override would corrupt the message. */
    private static final Set<String> CONTENT_HEADERS = Set.of("content-type", "content-transfer-encoding",
            "mime-version", "content-disposition");

    private final RenderSettings settings;
    /** Whether address headers may hold local parts beyond ASCII (a transaction with SMTPUTF8). */
    private final boolean utf8;

    MessageHeaders(RenderSettings settings, boolean utf8) {
        this.settings = settings;
        this.utf8 = utf8;
    }

    void write(MimeMessage mime, EmailMessage message, Charset charset) throws MessagingException {
        Map<String, String> extra = message.headers();
        mime.setHeader("Subject", HeaderValues.unstructured("Subject", message.subject(), charset));
        setAddresses(mime, "From", override(extra, "From")
                .map(v -> Addresses.parseList("From", v, utf8))
                .orElseGet(() -> List.of(Addresses.parseOne("From", message.from().orElse(settings.defaultFrom()), utf8))),
                charset);
        setAddresses(mime, "To", addressesOrOverride(extra, "To", message.to()), charset);
        setAddresses(mime, "Cc", addressesOrOverride(extra, "Cc", message.cc()), charset);
        setAddresses(mime, "Reply-To", addressesOrOverride(extra, "Reply-To", message.replyTo()), charset);
        mime.setHeader("Date", override(extra, "Date").map(v -> ascii("Date", v)).orElseGet(this::now));
        mime.setHeader("Message-ID", override(extra, "Message-ID").map(v -> ascii("Message-ID", v))
                .orElseGet(this::messageId));
        for (Map.Entry<String, String> header : extra.entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (CONTENT_HEADERS.contains(lower)) {
                throw new IllegalArgumentException(RENDERED_HEADER_GIVEN.message("header '" + name
                        + "' is set by rendering and cannot be given as an extra header"));
            }
            if (FIELD_HEADERS.contains(lower)) {
                continue;
            }
            String value = ADDRESS_HEADERS.contains(lower)
                    ? Addresses.format(Addresses.parseList(name, header.getValue(), utf8), charset, name.length() + 2)
                    : HeaderValues.unstructured(name, header.getValue(), charset);
            mime.removeHeader(name);
            mime.setHeader(name, value);
        }
    }

    private static Optional<String> override(Map<String, String> extra, String name) {
        return extra.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private List<InternetAddress> addressesOrOverride(Map<String, String> extra, String name,
            List<String> given) {
        Optional<String> value = override(extra, name);
        if (value.isPresent()) {
            return Addresses.parseList(name, value.get(), utf8);
        }
        List<InternetAddress> parsed = new ArrayList<>(given.size());
        for (String address : given) {
            parsed.add(Addresses.parseOne(name, address, utf8));
        }
        return parsed;
    }

    private static void setAddresses(MimeMessage mime, String name, List<InternetAddress> addresses,
            Charset charset) throws MessagingException {
        if (!addresses.isEmpty()) {
            mime.setHeader(name, Addresses.format(addresses, charset, name.length() + 2));
        }
    }

    private String now() {
        ZonedDateTime now = ZonedDateTime.now(settings.useLocaltime() ? settings.zone() : ZoneOffset.UTC);
        return RFC_5322_DATE.format(now);
    }

    private String messageId() {
        String domain;
        try {
            domain = Idna.toAscii(settings.dnsName());
        } catch (IllegalArgumentException e) {
            domain = "localhost";
        }
        return "<" + System.currentTimeMillis() + "." + UUID.randomUUID().toString().replace("-", "") + "@"
                + domain + ">";
    }

    /**
     * Date and Message-ID are structured: encoded words are not allowed in them, so they must be
     * printable ASCII (space and tab allowed) as given.
     */
    private static String ascii(String name, String value) {
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
            throw new BadHeaderException(name, "a structured header must be printable US-ASCII as given");
        }
        return value;
    }
}
