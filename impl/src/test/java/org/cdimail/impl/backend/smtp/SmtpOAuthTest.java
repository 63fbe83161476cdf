package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.inject.Backend;
import org.cdimail.spi.AccessTokenProvider;

/**
 * {@code AUTH XOAUTH2} and {@code OAUTHBEARER} (RFC 7628) against {@link WirePeer}, which accepts
 * chosen tokens and answers any other as Gmail does (334 with a base64 JSON error, then 535 once
 * the client ends the exchange): the mechanism chosen, the expired-token retry with a refreshed
 * token, and that no token or password ever reaches a message.
 */
class SmtpOAuthTest {

    private static final String USER = "sender@example.com";

    /** The calls made to {@link Tokens}, as "refresh=false" / "refresh=true", with the alias. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private WirePeer peer;
    private SmtpWire wire;
    private MailContainer container;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
        CALLS.clear();
    }

    @AfterEach
    void stop() throws IOException {
        if (wire != null) {
            wire.close();
        }
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    /** The application's provider: an expired token first, a fresh one when asked to refresh. */
    @ApplicationScoped
    @Backend("default")
    public static class Tokens implements AccessTokenProvider {
        @Override
        public String accessToken(String alias, String user, boolean refresh) {
            CALLS.add(alias + ":" + user + ":refresh=" + refresh);
            return refresh ? "ya29.fresh-token" : "ya29.expired-token";
        }
    }

    private SmtpWire connect(String mechanism, SmtpLogin.Tokens tokens) throws MessagingException {
        wire = SmtpWire.connect(new SmtpWire.Endpoint("127.0.0.1", peer.port(), 2000, null, false, false),
                new SmtpLogin(USER, null, mechanism, tokens));
        return wire;
    }

    @Test
    void xoauth2SendsTheUserAndTheBearerToken() throws Exception {
        peer.script().auth("PLAIN LOGIN XOAUTH2", 235).acceptingTokens("tok-1");
        connect("auto", refresh -> "tok-1");

        assertThat(peer.authentications()).containsExactly("XOAUTH2:user=" + USER + "\u0001auth=Bearer tok-1\u0001\u0001");
    }

    @Test
    void oauthBearerIsPreferredAndEscapesTheUserAsASaslName() throws Exception {
        peer.script().auth("XOAUTH2 OAUTHBEARER PLAIN", 235).acceptingTokens("tok-1");
        wire = SmtpWire.connect(new SmtpWire.Endpoint("127.0.0.1", peer.port(), 2000, null, false, false),
                new SmtpLogin("a,b=c", null, "auto", refresh -> "tok-1"));

        assertThat(peer.authentications())
                .containsExactly("OAUTHBEARER:n,a=a=2Cb=3Dc,\u0001auth=Bearer tok-1\u0001\u0001");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "XOAUTH2", "OAUTHBEARER" })
    void anExpiredTokenIsRefreshedOnceAndTheLoginRetried(String mechanism) throws Exception {
        peer.script().auth(mechanism, 235).acceptingTokens("fresh");
        List<Boolean> refreshes = new CopyOnWriteArrayList<>();
        connect("auto", refresh -> {
            refreshes.add(refresh);
            return refresh ? "fresh" : "expired";
        });

        assertThat(refreshes).containsExactly(false, true);
        assertThat(peer.authentications()).hasSize(3);
        assertThat(peer.authentications().get(0)).contains("auth=Bearer expired\u0001");
        // RFC 7628 3.2.3: OAUTHBEARER ends a failed exchange with %x01; XOAUTH2 with an empty line.
        assertThat(peer.authentications().get(1)).isEqualTo(mechanism.equals("XOAUTH2") ? "END:" : "END:AQ==");
        assertThat(peer.authentications().get(2)).contains("auth=Bearer fresh\u0001");
        assertThat(wire.isOpen()).isTrue();
    }

    @Test
    void aRefreshedTokenThatIsAlsoRefusedIsAnAuthenticationFailureWithoutTheToken() {
        peer.script().auth("XOAUTH2", 235).acceptingTokens("never-given");
        Throwable failure = catchThrowable(() -> connect("xoauth2", refresh -> refresh ? "secret-two" : "secret-one"));

        assertThat(failure).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("CDIMAIL-00294")
                .hasMessageNotContaining("secret").hasMessageNotContaining(USER);
        assertThat(peer.conversation(1).commandsStartingWith("AUTH")).hasSize(2);
    }

    @Test
    void aNamedMechanismTheServerDoesNotOfferIsRefusedBeforeAnyTokenIsAskedFor() {
        peer.script().auth("PLAIN LOGIN", 235);
        List<Boolean> refreshes = new CopyOnWriteArrayList<>();
        Throwable failure = catchThrowable(() -> connect("oauthbearer", refresh -> {
            refreshes.add(refresh);
            return "tok";
        }));

        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageContaining("CDIMAIL-00293")
                .hasMessageContaining("OAUTHBEARER");
        assertThat(refreshes).isEmpty();
        assertThat(peer.conversation(1).commandsStartingWith("AUTH")).isEmpty();
    }

    @Test
    void anAliasWithATokenProviderBeanLogsInWithItAndRetriesWithARefreshedToken() {
        peer.script().auth("PLAIN LOGIN XOAUTH2", 235).acceptingTokens("ya29.fresh-token");
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S", "mail.username", USER, "mail.password", "not-used",
                "mail.allow-plaintext-auth", "true").beans(Tokens.class).start();

        int sent = container.select(Mailer.class).sendMail("Token", "Body", "from@example.com", List.of("a@example.com"));

        assertThat(sent).isEqualTo(1);
        assertThat(CALLS).containsExactly("default:" + USER + ":refresh=false", "default:" + USER + ":refresh=true");
        assertThat(peer.authentications()).last().asString().contains("auth=Bearer ya29.fresh-token");
    }

    @Test
    void aRefusedTokenFailsTheSendWithoutTheTokenOrTheAddressInTheExceptionOrTheLog() {
        peer.script().auth("XOAUTH2", 235);
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S", "mail.username", USER, "mail.auth-mechanism", "xoauth2",
                "mail.allow-plaintext-auth", "true").beans(Tokens.class).start();
        Mailer mailer = container.select(Mailer.class);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        try {
            assertThatThrownBy(() -> mailer.sendMail("Token", "Body", "from@example.com", List.of("a@example.com")))
                    .isInstanceOf(MailException.class)
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain("ya29").doesNotContain(USER)
                            .doesNotContain("a@example.com"));
        } finally {
            root.removeHandler(handler);
            root.setLevel(rootLevel);
        }
        assertThat(String.join("\n", logged)).doesNotContain("ya29").doesNotContain(USER);
        assertThat(CALLS).hasSize(2);
    }

    @Test
    void anOAuthMechanismWithoutATokenProviderFailsDeploymentNamingTheKey() {
        Throwable failure = catchThrowable(() -> MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(peer.port()), "mail.username", USER, "mail.auth-mechanism", "oauthbearer",
                "mail.allow-plaintext-auth", "true").start().close());

        assertThat(failure).isInstanceOf(DeploymentException.class);
        assertThat(stackText(failure)).contains("CDIMAIL-00350").contains("mail.auth-mechanism");
    }

    @Test
    void anUnknownMechanismFailsDeploymentNamingTheKey() {
        Throwable failure = catchThrowable(() -> MailContainer.with("mail.host", "127.0.0.1", "mail.auth-mechanism",
                "cram-md5").start().close());

        assertThat(failure).isInstanceOf(DeploymentException.class);
        assertThat(stackText(failure)).contains("CDIMAIL-00351").contains("mail.auth-mechanism");
    }

    private static String stackText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(stackText(suppressed));
            }
        }
        return text.toString();
    }
}
