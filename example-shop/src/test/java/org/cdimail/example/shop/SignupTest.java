package org.cdimail.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.Outbox;
import org.cdimail.junit.MailTest;

/** The README's {@code @MailTest} example, verbatim from {@code @MailTest} on (ReadmeSnippetsTest checks it). */
@MailTest
@EnableAutoWeld   // or however the test starts CDI; put @MailTest first
class SignupTest {
    @Inject Signup signup;
    @Inject Outbox outbox;

    @Test
    void sendsAWelcomeMailWithAnHtmlVersionAndAPdf() {
        signup.register("ada@example.com");

        assertEquals(1, outbox.size());
        EmailMessage welcome = outbox.messages().get(0);
        assertEquals("Welcome to the shop", welcome.subject());
        assertEquals("text/html", welcome.alternatives().get(0).mimetype());
        assertEquals("welcome.pdf", welcome.attachments().get(0).filename().orElseThrow());
        assertEquals("application/pdf", welcome.attachments().get(0).mimetype());
    }
}
