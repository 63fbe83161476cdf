package org.cdimail.example.eml;

import java.net.IDN;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import jakarta.inject.Inject;

import org.cdimail.EmailMessage;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * An example third-party backend: writes each message as an {@code .eml} file into the folder of
 * its alias's own setting {@code mail.<alias>.eml-folder} (falling back to
 * {@code mail.eml-folder}), read through the {@link BackendContext} cdi-mail gives it. Selected
 * with {@code mail.backend=eml}. It needs no connection, so {@link #open()} returns
 * {@code false}, and it is safe for many threads.
 */
@Dependent
@BackendType("eml")
public class EmlBackend implements EmailBackend {

    @Inject
    BackendContext context;

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        String folder = context.setting("eml-folder", String.class).orElse(null);
        int sent = 0;
        for (EmailMessage message : messages) {
            List<String> recipients = envelopeRecipients(message);
            if (recipients.isEmpty()) {
                continue;
            }
            message.message(); // renders once: a message SMTP would refuse is refused here too
            EmlFolder.write(EmlFolder.folder(folder), message, bare(message.from().orElse("webmaster@localhost")),
                    recipients);
            sent++;
        }
        return sent;
    }

    /**
     * The envelope recipients: every recipient, as a bare address.
     *
     * @param message the message
     * @return the addresses
     */
    protected List<String> envelopeRecipients(EmailMessage message) {
        return message.recipients().stream().map(EmlBackend::bare).toList();
    }

    /**
     * The address as an envelope carries it: bare, its domain as IDNA ({@code xn--}), as SMTP's
     * {@code MAIL FROM} and {@code RCPT TO} would.
     *
     * @param address the address, possibly with a display name
     * @return the bare address
     */
    static String bare(String address) {
        String bare;
        try {
            bare = new InternetAddress(address, false).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("EXAMPLE-00003: invalid address", e);
        }
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare : bare.substring(0, at + 1) + IDN.toASCII(bare.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    }
}
