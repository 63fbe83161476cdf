package org.cdimail.tck.mailer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cdimail.Outbox;
import org.cdimail.SendOptions;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.MailerContract;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code mailAdmins} and {@code mailManagers}: Django's {@code mail_admins} and
 * {@code mail_managers}, with {@code mail.admins}, {@code mail.managers},
 * {@code mail.server-email} and {@code mail.subject-prefix}. The {@code shop} alias has its own
 * prefix and falls back to the global lists; {@code other} is a second outbox.
 */
@MailerContract
@LocmemBackend
public class AdminsAndManagersTest extends MailTestBase {

    /**
     * The deployment.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(AdminsAndManagersTest.class)
                .config("mail.admins", "Admin One <admin1@example.com>, admin2@example.com")
                .config("mail.managers", "manager@example.com")
                .config("mail.server-email", "server@example.com")
                .config("mail.shop.backend", "locmem")
                .config("mail.shop.subject-prefix", "[Shop] ")
                .config("mail.other.backend", "locmem")
                .build();
    }

    /**
     * API {@code test_mail_admins_and_managers}, {@code test_manager_and_admin_mail_prefix}
     * (#13494): admins receive it from {@code mail.server-email}, the subject prefixed with the
     * default {@code "[cdi-mail] "}.
     */
    @Assertion(id = "test_mail_admins_and_managers", strategy = Strategy.REPRODUCED)
    public void mailAdminsSendsToAdminsWithThePrefix() {
        assertEquals(1, mailer.mailAdmins("Subject", "Content"));
        DeliveredMail mail = delivered().get(0);
        assertEquals("[cdi-mail] Subject", Mails.subject(mail));
        assertEquals(List.of("admin1@example.com", "admin2@example.com"), Mails.addrSpecs(mail, "To"));
        assertEquals(List.of("server@example.com"), Mails.addrSpecs(mail, "From"));
    }

    /** API {@code test_mail_admins_and_managers}: the same for managers. */
    @Assertion(id = "test_mail_admins_and_managers", strategy = Strategy.REPRODUCED)
    public void mailManagersSendsToManagersWithThePrefix() {
        assertEquals(1, mailer.mailManagers("Subject", "Content"));
        DeliveredMail mail = delivered().get(0);
        assertEquals("[cdi-mail] Subject", Mails.subject(mail));
        assertEquals(List.of("manager@example.com"), Mails.addrSpecs(mail, "To"));
    }

    /** API {@code test_html_mail_admins}, {@code test_html_mail_managers}: HTML gives two alternatives. */
    @Assertion(id = "test_html_mail_admins", strategy = Strategy.REPRODUCED)
    public void htmlMailHasBothAlternatives() {
        SendOptions html = SendOptions.builder().htmlMessage("<p>HTML Content</p>").build();
        mailer.mailAdmins("Subject", "Content", html);
        mailer.mailManagers("Subject", "Content", html);
        for (DeliveredMail mail : delivered()) {
            assertEquals("multipart/alternative(text/plain,text/html)", Mails.structure(mail));
            assertEquals("[cdi-mail] Subject", Mails.subject(mail));
        }
        assertEquals(2, delivered().size());
    }

    /** Configuration: an alias's own prefix wins; its lists fall back to {@code mail.admins}. */
    @Assertion(id = "alias-has-its-own-prefix", strategy = Strategy.ADDED)
    public void aliasHasItsOwnPrefix() {
        beans.select(Outbox.class, Backend.Literal.of("shop")).get().clear();
        assertEquals(1, mailer.using("shop").mailAdmins("Order", "Content"));
        DeliveredMail mail = beans.select(Outbox.class, Backend.Literal.of("shop")).get().messages().stream()
                .map(m -> DeliveredMail.of(m.toBytes())).findFirst().orElseThrow();
        assertEquals("[Shop] Order", Mails.subject(mail));
        assertEquals(List.of("admin1@example.com", "admin2@example.com"), Mails.addrSpecs(mail, "To"));
    }

    /** API {@code test_connection_arg_mail_admins}, {@code test_connection_arg_mail_managers}. */
    @Assertion(id = "test_connection_arg_mail_admins", strategy = Strategy.REPRODUCED)
    public void sendsThroughAGivenConnection() {
        beans.select(Outbox.class, Backend.Literal.of("other")).get().clear();
        try (EmailBackend other = mailer.using("other").connection()) {
            SendOptions through = SendOptions.builder().connection(other).build();
            assertEquals(1, mailer.mailAdmins("Admins", "x", through));
            assertEquals(1, mailer.mailManagers("Managers", "x", through));
        }
        assertEquals(2, beans.select(Outbox.class, Backend.Literal.of("other")).get().size());
        assertEquals(0, delivered().size());
    }
}
