package org.cdimail.example;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.SendOptions;

/**
 * Notices that staff send to a list of people through a chosen alias: where the recipient
 * governance of an alias shows ({@code redirect-to} on {@code staging}, {@code allowed-recipients}
 * on {@code restricted}), and the {@link MailPolicy} observer.
 */
@Path("notices")
@RequestScoped
public class NoticeResource {

    @Inject
    Mailer mailer;

    /**
     * Sends one notice and answers with its receipt, without addresses.
     *
     * @param alias   the alias to send through ({@code default} when empty)
     * @param subject the subject
     * @param to      comma-separated addresses
     * @param cc      comma-separated addresses, may be empty
     * @param bcc     comma-separated addresses, may be empty
     * @return 200 with {@code status}, {@code accepted}, {@code refused}, {@code policy} (refused by
     *         policy) and {@code reasons} as properties; 422 with the error when the alias refused the
     *         message as a whole
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response send(@FormParam("alias") String alias, @FormParam("subject") String subject,
            @FormParam("to") String to, @FormParam("cc") String cc, @FormParam("bcc") String bcc) {
        EmailMessage notice = EmailMessage.builder().subject(subject == null ? "Notice" : subject)
                .body("A notice from Example Shop.\n").to(addresses(to)).cc(addresses(cc)).bcc(addresses(bcc)).build();
        Mailer through = alias == null || alias.isBlank() ? mailer : mailer.using(alias);
        try {
            // Fail silently: the receipt says what happened to each recipient instead of an exception.
            Receipt receipt = through.deliver(List.of(notice), SendOptions.builder().failSilently(true).build()).get(0);
            return Response.ok(summary(receipt)).build();
        } catch (MailException e) {
            // cdi-mail's messages name the setting, never an address.
            return Response.status(422).entity(e.getMessage()).build();
        }
    }

    private static String summary(Receipt receipt) {
        List<Refusal> refused = receipt.refused();
        return "status=" + receipt.status() + "\naccepted=" + receipt.accepted().size() + "\nrefused=" + refused.size()
                + "\npolicy=" + refused.stream().filter(Refusal::policy).count()
                + "\nreasons=" + refused.stream().map(r -> r.reason().orElse("")).distinct().collect(Collectors.joining(";"))
                + "\n";
    }

    private static List<String> addresses(String list) {
        return list == null ? List.of()
                : Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
