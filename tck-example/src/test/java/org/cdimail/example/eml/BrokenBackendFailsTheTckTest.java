package org.cdimail.example.eml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cdimail.tck.backend.ProvidedBackendContractTest;
import org.cdimail.tck.spi.DeploymentCustomizer;
import org.cdimail.tck.spi.MailboxInspector;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Proves that the TCK catches a broken backend: the backend contract is run twice through the
 * JUnit Platform launcher, selecting the porting package with configuration parameters named
 * after the SPI interfaces, as an implementor's runner would. The example backend passes; its
 * Bcc-dropping variant fails, in the Bcc test and only there.
 */
class BrokenBackendFailsTheTckTest {

    /** The names of the tests that failed in one run, and the run's summary. */
    private record Run(TestExecutionSummary summary, List<String> failed) {
    }

    private static Run runContract(Class<? extends MailboxInspector> inspector,
            Class<? extends DeploymentCustomizer> customizer) {
        List<String> failed = new CopyOnWriteArrayList<>();
        TestExecutionListener failures = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.add(test.getDisplayName());
                }
            }
        };
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ProvidedBackendContractTest.class))
                .configurationParameter(MailboxInspector.class.getName(), inspector.getName())
                .configurationParameter(DeploymentCustomizer.class.getName(), customizer.getName())
                .build();
        LauncherFactory.create().execute(request, summary, failures);
        return new Run(summary.getSummary(), failed);
    }

    @Test
    void exampleBackendPassesTheContract() {
        Run run = runContract(EmlInspector.class, EmlCustomizer.class);
        assertTrue(run.summary().getTestsSucceededCount() > 10, () -> "succeeded: " + run.summary().getTestsSucceededCount());
        assertEquals(List.of(), run.failed());
    }

    @Test
    void backendThatDropsBccRecipientsFailsTheContract() {
        Run run = runContract(BrokenEmlInspector.class, BrokenEmlCustomizer.class);
        assertTrue(run.summary().getTotalFailureCount() > 0, "the broken backend fails the TCK");
        assertEquals(List.of("bccRecipientsReceiveButAreNotShown()"), run.failed());
    }
}
