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
class ErrorReporterTest {
    @Inject ErrorReporter errorReporter;
    @Inject Outbox outbox;
    @Inject @Backend("transactional") Outbox transactionalOutbox;

    @Test
    void mailsTheAdminsWithTheSubjectPrefix() {
        errorReporter.report("checkout", new IllegalStateException("payment provider down"));

        assertEquals(1, outbox.size());
        assertEquals(0, transactionalOutbox.size());
        EmailMessage error = outbox.messages().get(0);
        assertEquals("[shop] Error in checkout", error.subject());
        assertEquals(List.of("Ops <ops@example.com>"), error.to());
        assertEquals("Shop Errors <errors@example.com>", error.from().orElseThrow());
        assertTrue(error.body().contains("IllegalStateException: payment provider down"));
    }
}
