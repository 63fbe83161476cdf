package org.cdimail.impl.dkim;

import static org.cdimail.impl.ImplError.DKIM_BAD_CANONICALIZATION;
import static org.cdimail.impl.ImplError.DKIM_BAD_NAME;
import static org.cdimail.impl.ImplError.DKIM_DEFAULT_FROM_NOT_ALIGNED;
import static org.cdimail.impl.ImplError.DKIM_INCOMPLETE;
import static org.cdimail.impl.ImplError.DKIM_KEY_UNREADABLE;
import static org.cdimail.impl.ImplError.DKIM_SELECTOR_COUNT;

import java.net.IDN;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.mime.MessageSigner;

/**
 * Reads an alias's DKIM keys ({@code mail.<alias>.dkim.*}, falling back to {@code mail.dkim.*}) and
 * checks them at deployment: every failure is an {@link InvalidSettingException} naming the key.
 * DKIM is on when {@code dkim.domain}, {@code dkim.selector} or {@code dkim.private-key} is set;
 * then all three are required, with as many selectors as keys (the i-th selector publishes the
 * i-th key: one signature per pair).
 */
public final class DkimSettings {

    /** Labels of letters, digits and hyphens, separated by dots (RFC 6376 3.5 {@code domain-name}, {@code selector}). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private DkimSettings() {
    }

    /**
     * The alias's signer.
     *
     * @param config      the configuration
     * @param alias       the alias
     * @param defaultFrom the alias's default sender, checked for alignment when required
     * @return {@link MessageSigner#NONE} when DKIM is off, else a {@link DkimSigner}
     * @throws InvalidSettingException naming the key, when a DKIM key cannot be used
     */
    public static MessageSigner signer(MailConfig config, String alias, String defaultFrom) {
        return signer(config, alias, defaultFrom, Clock.systemUTC());
    }

    static MessageSigner signer(MailConfig config, String alias, String defaultFrom, Clock clock) {
        Optional<String> domainValue = value(config, alias, MailKey.DKIM_DOMAIN);
        List<String> selectors = list(config, alias, MailKey.DKIM_SELECTOR);
        List<String> keys = list(config, alias, MailKey.DKIM_PRIVATE_KEY);
        if (domainValue.isEmpty() && selectors.isEmpty() && keys.isEmpty()) {
            return MessageSigner.NONE;
        }
        if (domainValue.isEmpty()) {
            throw missing(config, alias, MailKey.DKIM_DOMAIN);
        }
        if (selectors.isEmpty()) {
            throw missing(config, alias, MailKey.DKIM_SELECTOR);
        }
        if (keys.isEmpty()) {
            throw missing(config, alias, MailKey.DKIM_PRIVATE_KEY);
        }
        String selectorKey = config.source(alias, MailKey.DKIM_SELECTOR);
        String privateKey = config.source(alias, MailKey.DKIM_PRIVATE_KEY);
        if (selectors.size() != keys.size()) {
            throw new InvalidSettingException(selectors.size() > keys.size() ? selectorKey : privateKey,
                    DKIM_SELECTOR_COUNT.message("" + selectorKey + " lists " + selectors.size() + " selector(s) and " + privateKey
                            + " " + keys.size() + " key(s); give one selector per key, in the same order"));
        }
        String domainKey = config.source(alias, MailKey.DKIM_DOMAIN);
        String domain = name(domainValue.get(), domainKey, true);
        List<DkimSigner.Selector> pairs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Path file;
            try {
                file = Path.of(keys.get(i));
            } catch (InvalidPathException e) {
                throw new InvalidSettingException(privateKey, DKIM_KEY_UNREADABLE.message("" + privateKey + " names a file that"
                        + " is not a valid path"));
            }
            pairs.add(new DkimSigner.Selector(name(selectors.get(i), selectorKey, false),
                    PemKeys.read(file, privateKey)));
        }
        String canonicalizationKey = config.source(alias, MailKey.DKIM_CANONICALIZATION);
        String[] c = value(config, alias, MailKey.DKIM_CANONICALIZATION)
                .orElse(MailKey.DKIM_CANONICALIZATION.defaultValue().orElseThrow()).split("/", -1);
        Canonicalization header;
        Canonicalization body;
        try {
            if (c.length > 2) {
                throw new IllegalArgumentException("too many parts");
            }
            header = Canonicalization.of(c[0]);
            body = c.length == 2 ? Canonicalization.of(c[1]) : Canonicalization.SIMPLE;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(canonicalizationKey, DKIM_BAD_CANONICALIZATION.message("" + canonicalizationKey
                    + " must be header/body, each simple or relaxed, such as relaxed/relaxed"));
        }
        String alignedKey = null;
        if (Boolean.parseBoolean(value(config, alias, MailKey.DKIM_REQUIRE_ALIGNED).orElse("false"))) {
            alignedKey = config.source(alias, MailKey.DKIM_REQUIRE_ALIGNED);
            checkDefaultFrom(config, alias, defaultFrom, domain, alignedKey);
        }
        return new DkimSigner(domain, pairs, header, body, alignedKey, clock);
    }

    private static void checkDefaultFrom(MailConfig config, String alias, String defaultFrom, String domain,
            String alignedKey) {
        String fromDomain;
        try {
            fromDomain = IDN.toASCII(DkimSigner.domainOf(new InternetAddress(defaultFrom, false).getAddress()));
        } catch (AddressException | IllegalArgumentException e) {
            fromDomain = "";
        }
        if (!DkimSigner.aligned(fromDomain, domain)) {
            String fromKey = config.source(alias, MailKey.DEFAULT_FROM);
            throw new InvalidSettingException(config.source(alias, MailKey.DKIM_DOMAIN), DKIM_DEFAULT_FROM_NOT_ALIGNED.message(""
                    + alignedKey + " is true but the domain of " + fromKey + " is not "
                    + config.source(alias, MailKey.DKIM_DOMAIN) + " or a subdomain of it"));
        }
    }

    /** A domain or selector, lowercase ASCII (IDNA for a domain). */
    private static String name(String value, String key, boolean domain) {
        String ascii;
        try {
            ascii = (domain ? IDN.toASCII(value.strip(), IDN.ALLOW_UNASSIGNED) : value.strip()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            ascii = "";
        }
        if (!NAME.matcher(ascii).matches() || ascii.length() > 253) {
            throw new InvalidSettingException(key, DKIM_BAD_NAME.message("" + key + " must be "
                    + (domain ? "a domain name" : "selectors made of letters, digits, hyphens and dots")));
        }
        return ascii;
    }

    private static InvalidSettingException missing(MailConfig config, String alias, MailKey key) {
        return new InvalidSettingException(key.key(alias), DKIM_INCOMPLETE.message("DKIM signing of alias '" + alias
                + "' needs " + key.key(alias) + " (or " + key.key() + "): " + MailKey.DKIM_DOMAIN.shortName() + ", "
                + MailKey.DKIM_SELECTOR.shortName() + " and " + MailKey.DKIM_PRIVATE_KEY.shortName()
                + " go together"));
    }

    private static Optional<String> value(MailConfig config, String alias, MailKey key) {
        return config.lookup(alias, key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static List<String> list(MailConfig config, String alias, MailKey key) {
        return value(config, alias, key).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }
}
