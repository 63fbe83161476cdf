package org.cdimail.it.queueapp;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/**
 * {@code POST /api/mail/{alias}} (subject, to, cc, bcc: comma-separated) delivers one message
 * through an alias and answers its receipt; {@code GET /api/mail/{alias}/queue} its queue's
 * counts; {@code GET /api/mail/observed?key=&atLeast=&note=} what the observers saw, once a count
 * is reached and a note seen, or after 30 s.
 */
@Path("mail")
@Produces(MediaType.TEXT_PLAIN)
public class MailResource {

    @Inject
    Mailer mailer;

    @Inject
    MailObservations observations;

    /**
     * @return {@code status=PARTLY_SENT queued=true accepted=[a] refused=[b policy] reasons=[not in
     *         allowed-recipients] message-id=<…>}, or {@code thrown=<exception>: <message>}
     */
    @POST
    @Path("{alias}")
    public String deliver(@PathParam("alias") String alias, @FormParam("subject") String subject,
            @FormParam("to") String to, @FormParam("cc") String cc, @FormParam("bcc") String bcc) {
        EmailMessage message = EmailMessage.builder().subject(subject).body("Sent through alias " + alias)
                .to(list(to)).cc(list(cc)).bcc(list(bcc)).build();
        Receipt receipt;
        try {
            receipt = mailer.using(alias).deliver(List.of(message)).get(0);
        } catch (MailException e) {
            return "thrown=" + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return "status=" + receipt.status() + " queued=" + receipt.queueId().isPresent() + " "
                + MailObservations.recipients(receipt) + " reasons="
                + receipt.refused().stream().map(r -> r.reason().orElse("")).toList()
                + " message-id=" + receipt.messageId().orElse("none");
    }

    private static List<String> list(String addresses) {
        return addresses == null || addresses.isBlank() ? List.of()
                : Arrays.stream(addresses.split(",")).map(String::strip).toList();
    }

    /** @return {@code pending=0 dead=0} */
    @GET
    @Path("{alias}/queue")
    public String queue(@PathParam("alias") String alias) {
        try (EmailBackend connection = mailer.using(alias).connection()) {
            AliasQueue queue = AliasQueue.of(connection).orElseThrow();
            return "pending=" + queue.pending() + " dead=" + queue.dead();
        }
    }

    /** @return see {@link MailObservations#await} */
    @GET
    @Path("observed")
    public String observed(@QueryParam("key") @DefaultValue("") String key, @QueryParam("atLeast") int atLeast,
            @QueryParam("note") @DefaultValue("") String note) throws InterruptedException {
        return observations.await(key, atLeast, note, Duration.ofSeconds(30));
    }
}
