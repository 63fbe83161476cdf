package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.InvalidSettingException;

/**
 * {@code mail.<alias>.session-jndi}: the server's mail session found in JNDI, copied per
 * connection, its credentials used through its own authenticator. The servers themselves are
 * exercised by the integration tests in {@code it/}.
 */
class ContainerMailSessionTest {

    private static final String KEY = "mail.transactional.session-jndi";
    private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    private GreenMail greenMail;

    /** A JNDI provider for this test: {@code lookup} answers from {@link #BOUND}. */
    public static final class MapContextFactory implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] { Context.class },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "lookup" -> {
                            Object value = BOUND.get(args[0].toString());
                            if (value == null) {
                                throw new NameNotFoundException(args[0].toString());
                            }
                            yield value;
                        }
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @BeforeEach
    void useTheMapJndiProvider() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, MapContextFactory.class.getName());
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("server-user", "server-secret"));
        greenMail.start();
    }

    @AfterEach
    void forgetTheJndiProvider() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BOUND.clear();
        greenMail.stop();
    }

    @Test
    void noJndiNameMeansTheAliasConfiguresSmtpItself() {
        assertThat(ContainerMailSession.lookup(Optional.empty(), KEY)).isEmpty();
        assertThat(ContainerMailSession.lookup(Optional.of("  "), KEY)).isEmpty();
    }

    @Test
    void aNameWithNothingBoundFailsNamingTheKey() {
        assertThatThrownBy(() -> ContainerMailSession.lookup(Optional.of("java:jboss/mail/Missing"), KEY))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CDIMAIL-00380: " + KEY)
                .hasMessageContaining("java:jboss/mail/Missing");
    }

    @Test
    void anEntryThatIsNotAMailSessionFailsNamingTheKey() {
        BOUND.put("mail/NotASession", "a string");
        assertThatThrownBy(() -> ContainerMailSession.lookup(Optional.of("mail/NotASession"), KEY))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CDIMAIL-00381: " + KEY)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void eachConnectionGetsAPrivateCopyOfTheServersSession() {
        Session shared = serversSession("server-secret");
        BOUND.put("mail/Shared", shared);
        ContainerMailSession container = ContainerMailSession.lookup(Optional.of("mail/Shared"), KEY).orElseThrow();

        Session own = container.newSession();
        own.getProperties().setProperty("mail.smtp.from", "bounces@example.com");

        assertThat(own).isNotSameAs(shared);
        assertThat(own.getProperty("mail.smtp.host")).isEqualTo("127.0.0.1");
        assertThat(shared.getProperty("mail.smtp.from")).as("the server's session is left alone").isNull();
    }

    @Test
    void timeoutsTheServerLeftUnsetAreTheAliasTimeoutAndItsOwnAreKept() {
        Session shared = serversSession("server-secret");
        shared.getProperties().setProperty("mail.smtp.timeout", "5000");
        BOUND.put("mail/Shared", shared);
        ContainerMailSession container = ContainerMailSession.lookup(Optional.of("mail/Shared"), KEY).orElseThrow();

        Session own = container.newSession(java.time.Duration.ofSeconds(30));

        assertThat(own.getProperty("mail.smtp.timeout")).as("the server's own").isEqualTo("5000");
        assertThat(own.getProperty("mail.smtp.connectiontimeout")).isEqualTo("30000");
        assertThat(own.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
        assertThat(own.getProperty("mail.smtp.sendpartial")).isEqualTo("true");
        assertThat(shared.getProperty("mail.smtp.connectiontimeout")).as("the server's session is left alone").isNull();
    }

    @Test
    void sendsWithTheServersHostAndCredentials() throws Exception {
        BOUND.put("mail/Shared", serversSession("server-secret"));
        ContainerMailSession container = ContainerMailSession.lookup(Optional.of("mail/Shared"), KEY).orElseThrow();
        Session own = container.newSession();

        Transport transport = container.connect(own, ConnectionOptions.DEFAULTS, "transactional");
        try {
            MimeMessage message = new MimeMessage(own);
            message.setFrom("shop@example.com");
            message.setRecipients(Message.RecipientType.TO, "ada@example.org");
            message.setSubject("Through the server's session");
            message.setText("Hello");
            transport.sendMessage(message, InternetAddress.parse("ada@example.org"));
        } finally {
            transport.close();
        }

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Through the server's session");
    }

    @Test
    void credentialsTheServerRefusesFailWithoutNamingThem() {
        BOUND.put("mail/Shared", serversSession("wrong-secret"));
        ContainerMailSession container = ContainerMailSession.lookup(Optional.of("mail/Shared"), KEY).orElseThrow();

        assertThatThrownBy(() -> container.connect(container.newSession(), ConnectionOptions.DEFAULTS, "transactional"))
                .isInstanceOf(MailException.class)
                .hasMessageStartingWith("CDIMAIL-00221")
                .hasMessageNotContaining("server-user").hasMessageNotContaining("wrong-secret");
    }

    /** A session as WildFly or Payara build it: host and user in properties, password in an authenticator. */
    private Session serversSession(String password) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        properties.setProperty("mail.smtp.auth", "true");
        properties.setProperty("mail.smtp.user", "server-user");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("server-user", password);
            }
        });
    }
}
