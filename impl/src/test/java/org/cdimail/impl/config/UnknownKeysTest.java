package org.cdimail.impl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private static final Set<String> ALIASES = Set.of("default", "smtp", "console", "transactional", "sms");

    private static List<String> warn(String... names) {
        return UnknownKeys.warnings(List.of(names), ALIASES, alias -> !alias.equals("sms"));
    }

    @Test
    void misspeltKeysAreNamedWithWhatTheyMostLikelyMeant() {
        assertThat(warn("mail.hots")).singleElement().asString().contains("CDIMAIL-00268").contains("mail.hots")
                .contains("did you mean mail.host?");
        assertThat(warn("mail.use_tls")).singleElement().asString().contains("did you mean mail.use-tls?");
        assertThat(warn("mail.tiemout")).singleElement().asString().contains("did you mean mail.timeout?");
        assertThat(warn("mail.transactional.pasword")).singleElement().asString()
                .contains("mail.transactional.pasword").contains("did you mean mail.transactional.password?");
    }

    @Test
    void knownKeysGlobalOrPerAliasAndThePassThroughNamespaceAreQuiet() {
        assertThat(warn("mail.host", "mail.pool.max-connections", "mail.transactional.host", "mail.smtp.port",
                "mail.default.backend", "mail.transactional.jakarta-mail.smtp.localhost", "mail.mime.charset",
                "mail.debug", "JAVA_HOME", "mailbox.size")).isEmpty();
    }

    @Test
    void aContainerWideKeySetForOneAliasIsNamedAsIgnored() {
        assertThat(warn("mail.transactional.async.threads")).singleElement().asString().contains("CDIMAIL-00268")
                .contains("mail.transactional.async.threads").contains("mail.async.threads")
                .contains("once for the whole container");
        assertThat(warn("mail.async.threads", "mail.async.max-pending")).isEmpty();
    }

    @Test
    void aKeyOfAnAliasNobodyUsesIsNamed() {
        assertThat(warn("mail.transactionl.host")).singleElement().asString().contains("mail.transactionl.host")
                .contains("no alias 'transactionl'");
    }

    @Test
    void aCustomBackendsOwnKeysAreItsBusinessUnlessTheyLookLikeAMisspeltKey() {
        assertThat(warn("mail.sms.gateway-url")).isEmpty();
        assertThat(warn("mail.sms.tiemout")).singleElement().asString().contains("did you mean mail.sms.timeout?");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneIsNamedWithoutSuggestion() {
        assertThat(warn("mail.frobnicate")).singleElement().asString().contains("mail.frobnicate")
                .doesNotContain("did you mean");
    }
}
