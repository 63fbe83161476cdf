package org.cdimail.impl.config;

import static org.cdimail.impl.ImplError.UNKNOWN_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds {@code mail.*} keys that nothing reads, so that a misspelt key ({@code mail.hots},
 * {@code mail.use_tls}, {@code mail.tiemout}) is reported instead of silently ignored, as Quarkus
 * warns about unrecognised configuration. A key is known when it is a {@link MailKey}, globally
 * ({@code mail.<key>}) or for an alias in use ({@code mail.<alias>.<key>}), or Jakarta Mail's
 * pass-through namespace of an alias. Keys of an alias whose backend is not cdi-mail's own are
 * that backend's business and are reported only when they look like a misspelt cdi-mail key.
 * Jakarta Mail's own system properties ({@code mail.mime.*}, {@code mail.debug}, …) are left alone.
 */
public final class UnknownKeys {

    /** Jakarta Mail's own property namespaces, which a JVM may carry for other code. */
    private static final List<String> JAKARTA_MAIL_PROPERTIES = List.of("mail.mime.", "mail.debug", "mail.smtps.",
            "mail.imap.", "mail.imaps.", "mail.pop3.", "mail.pop3s.", "mail.store.", "mail.transport.protocol",
            "mail.user", "mail.from", "mail.event.", "mail.alternates", "mail.replyallcc");

    private static final String PASS_THROUGH = MailKey.SMTP_PASSTHROUGH;

    private static final Set<String> KNOWN = knownNames();
    private static final Set<String> CONTAINER_ONLY = containerOnlyNames();

    private UnknownKeys() {
    }

    private static Set<String> containerOnlyNames() {
        Set<String> names = new TreeSet<>();
        for (MailKey key : MailKey.values()) {
            if (!key.perAlias()) {
                names.add(key.shortName());
            }
        }
        return names;
    }

    private static Set<String> knownNames() {
        Set<String> names = new TreeSet<>();
        for (MailKey key : MailKey.values()) {
            names.add(key.shortName());
        }
        return names;
    }

    /**
     * The warnings for the keys nothing reads.
     *
     * @param names        every configuration property name
     * @param aliases      the aliases in use (configured, injected, or named like a backend)
     * @param ownBackendOf whether an alias's backend is one of cdi-mail's own (so all its keys are known)
     * @return one warning per unknown key, each naming it, sorted by key
     */
    public static List<String> warnings(Iterable<String> names, Set<String> aliases, Predicate<String> ownBackendOf) {
        List<String> warnings = new ArrayList<>();
        Set<String> sorted = new TreeSet<>();
        names.forEach(sorted::add);
        for (String name : sorted) {
            warning(name, aliases, ownBackendOf).ifPresent(warnings::add);
        }
        return warnings;
    }

    private static Optional<String> warning(String name, Set<String> aliases, Predicate<String> ownBackendOf) {
        if (!name.startsWith(MailKey.PREFIX) || JAKARTA_MAIL_PROPERTIES.stream().anyMatch(name::startsWith)
                && !isAliasKey(name, aliases)) {
            return Optional.empty();
        }
        String rest = name.substring(MailKey.PREFIX.length());
        if (KNOWN.contains(rest) || rest.startsWith(PASS_THROUGH)) {
            return Optional.empty();
        }
        int dot = rest.indexOf('.');
        String alias = dot < 0 ? null : rest.substring(0, dot);
        String key = dot < 0 ? rest : rest.substring(dot + 1);
        if (alias != null && aliases.contains(alias)) {
            if (CONTAINER_ONLY.contains(key)) {
                return Optional.of(UNKNOWN_KEY.message(name + " is set, but " + MailKey.PREFIX + key
                        + " is read once for the whole container, not per alias; it is ignored"));
            }
            if (KNOWN.contains(key) || key.startsWith(PASS_THROUGH)) {
                return Optional.empty();
            }
            Optional<String> close = closest(key);
            if (!ownBackendOf.test(alias) && close.isEmpty()) {
                return Optional.empty(); // a custom backend's own setting
            }
            return Optional.of(message(name, close.map(k -> MailKey.PREFIX + alias + "." + k)));
        }
        Optional<String> close = closest(rest).map(k -> MailKey.PREFIX + k);
        if (close.isEmpty() && alias != null && KNOWN.contains(key)) {
            return Optional.of(UNKNOWN_KEY.message(name + " is set, but no alias '" + alias
                    + "' is configured (" + MailKey.BACKEND.key(alias) + ") or injected; it is ignored"));
        }
        return Optional.of(message(name, close));
    }

    private static boolean isAliasKey(String name, Set<String> aliases) {
        String rest = name.substring(MailKey.PREFIX.length());
        int dot = rest.indexOf('.');
        return dot > 0 && aliases.contains(rest.substring(0, dot)) && KNOWN.contains(rest.substring(dot + 1));
    }

    private static String message(String name, Optional<String> suggestion) {
        return UNKNOWN_KEY.message(name + " is not a cdi-mail key and nothing reads it; it is ignored"
                + suggestion.map(s -> " (did you mean " + s + "?)").orElse(""));
    }

    /** The known key a misspelt one most likely meant: underscores for dashes, or at most two edits away. */
    static Optional<String> closest(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
        if (KNOWN.contains(normalized)) {
            return Optional.of(normalized);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KNOWN) {
            int distance = distance(normalized, known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        int allowed = normalized.length() <= 4 ? 1 : 2;
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
