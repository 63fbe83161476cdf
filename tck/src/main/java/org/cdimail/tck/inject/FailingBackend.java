package org.cdimail.tck.inject;

import static org.cdimail.tck.support.TckError.FAILING_BACKEND_DELIVERY;
import static org.cdimail.tck.support.TckError.FAILING_BACKEND_HEADER;

import java.util.List;

import jakarta.enterprise.context.Dependent;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * A custom backend that fails every delivery, as a backend whose server is down does: the
 * default of {@link org.cdimail.tck.spi.MailboxInspector#failingConfiguration(String)}. It
 * throws {@link MailException} for any message, except that a message carrying the header
 * {@value #FAILURE_HEADER}{@code : }{@value #BAD_HEADER} makes it throw
 * {@link BadHeaderException}, as a backend that finds a header it cannot write does.
 */
@Dependent
@BackendType(FailingBackend.NAME)
public class FailingBackend implements EmailBackend {

    /** The backend name. */
    public static final String NAME = "tck-failing";
    /** The header that selects the failure. */
    public static final String FAILURE_HEADER = "X-Tck-Failure";
    /** The value of {@value #FAILURE_HEADER} that makes the backend refuse a header. */
    public static final String BAD_HEADER = "bad-header";

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        if (messages.stream().anyMatch(m -> BAD_HEADER.equals(m.headers().get(FAILURE_HEADER)))) {
            throw new BadHeaderException(FAILURE_HEADER,
                    FAILING_BACKEND_HEADER.message("the TCK's failing backend refuses this header"));
        }
        if (messages.isEmpty()) {
            return 0;
        }
        throw new MailException(FAILING_BACKEND_DELIVERY.message("the TCK's failing backend fails every delivery"));
    }
}
