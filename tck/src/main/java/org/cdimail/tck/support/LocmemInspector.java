package org.cdimail.tck.support;

import java.net.IDN;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.Outbox;
import org.cdimail.inject.Backend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * Reads the {@code locmem} backend through its public {@link Outbox} bean. The envelope is what
 * the stored message says: its {@code from} (or the rendered {@code From}) and its
 * {@link EmailMessage#recipients()}, as bare addresses with IDNA domains, as SMTP would send
 * them.
 */
public final class LocmemInspector implements MailboxInspector {

    private String alias = Backend.DEFAULT;

    @Override
    public String backend() {
        return "locmem";
    }

    @Override
    public Map<String, String> configuration(String alias) {
        this.alias = alias;
        return MailboxInspector.super.configuration(alias);
    }

    /**
     * The outbox of the inspected alias.
     *
     * @param beans the deployment's beans
     * @return the outbox
     */
    public Outbox outbox(Instance<Object> beans) {
        return beans.select(Outbox.class, Backend.Literal.of(alias)).get();
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        return outbox(beans).messages().stream().map(LocmemInspector::toDelivered).toList();
    }

    @Override
    public void clear(Instance<Object> beans) {
        outbox(beans).clear();
    }

    @Override
    public boolean recordsEnvelope() {
        return true;
    }

    private static DeliveredMail toDelivered(EmailMessage message) {
        byte[] raw = message.toBytes();
        String sender = message.from().map(LocmemInspector::addrSpec)
                .orElseGet(() -> Mails.fromAddress(DeliveredMail.of(raw)));
        List<String> recipients = message.recipients().stream().map(LocmemInspector::addrSpec).toList();
        return DeliveredMail.of(raw, new DeliveredMail.Envelope(sender, recipients));
    }

    /** The bare address, its domain as IDNA: what an SMTP envelope would carry. */
    private static String addrSpec(String address) {
        String bare;
        try {
            bare = new InternetAddress(address, false).getAddress();
        } catch (AddressException e) {
            bare = address;
        }
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare : bare.substring(0, at + 1) + IDN.toASCII(bare.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    }
}
