package org.cdimail.it.payaratck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How a failed deployment's cause is read from Payara Micro's log (as Payara 6.2025.10 writes it). */
class PayaraMicroForTheTckTest {

    @Test
    void readsTheCdiDeploymentFailureThatPayaraReports() {
        String log = """
                [2026-12-04T21:12:28.642+0000] [] [SEVERE] [NCLS-CORE-00026] [[
                  Exception during lifecycle processing
                org.glassfish.deployment.common.DeploymentException: CDI deployment failure:CDIMAIL-00201: \
                mail.backend names an unknown backend 'carrier-pigeon'
                	at org.jboss.weld.bootstrap.WeldStartup.validateBeans(WeldStartup.java:506)
                """;
        assertEquals("CDIMAIL-00201: mail.backend names an unknown backend 'carrier-pigeon'",
                PayaraMicroForTheTck.cdiDeploymentProblem(log));
    }

    @Test
    void readsWeldsDeploymentExceptionByName() {
        String log = "Caused by: org.jboss.weld.exceptions.DeploymentException: WELD-001408: Unsatisfied\n";
        assertEquals("WELD-001408: Unsatisfied", PayaraMicroForTheTck.cdiDeploymentProblem(log));
    }

    @Test
    void aDefinitionErrorOrAnotherFailureIsNoCdiDeploymentFailure() {
        assertNull(PayaraMicroForTheTck.cdiDeploymentProblem(
                "org.glassfish.deployment.common.DeploymentException: CDI definition failure:WELD-000071\n"));
        assertNull(PayaraMicroForTheTck.cdiDeploymentProblem(
                "Exception while loading the app : java.lang.ClassNotFoundException: org.example.Missing\n"));
        assertNull(PayaraMicroForTheTck.cdiDeploymentProblem(""));
    }
}
