package org.cdimail.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.Outbox;
import org.cdimail.inject.Backend;
import org.cdimail.junit.MailTest;

@MailTest
@EnableAutoWeld
class PasswordResetTest {
    @Inject PasswordReset passwordReset;
    @Inject Outbox outbox;
    @Inject @Backend("transactional") Outbox transactionalOutbox;

    @Test
    void sendsTheResetLinkThroughTheTransactionalAlias() {
        String token = passwordReset.requestReset("ada@example.com");

        assertEquals(1, transactionalOutbox.size());
        assertEquals(0, outbox.size());
        EmailMessage reset = transactionalOutbox.messages().get(0);
        assertEquals("Reset your password", reset.subject());
        assertEquals(List.of("ada@example.com"), reset.to());
        assertEquals("Shop Security <security@example.com>", reset.from().orElseThrow());
        assertTrue(reset.body().contains("https://shop.example.com/reset?token=" + token));
    }
}
