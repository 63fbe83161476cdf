package org.cdimail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.it.server.HealthReport;
import org.cdimail.it.server.Http;
import org.cdimail.it.smtp.MailPeers;
import org.junit.jupiter.api.Test;

/**
 * What issue 15 must show inside each server, on the same boot as {@link ExampleDeploymentContract}:
 * a sign-up and its welcome mail in one JTA transaction on the server's default datasource (mail
 * after the commit, none after a rollback); a send through {@code mailer.async()} that returns
 * before a slow SMTP server answers; the example's observers (a veto for one domain, a header on
 * the rest, the receipts and failures they record); {@code redirect-to} and
 * {@code allowed-recipients}; the readiness check of an alias at the server's
 * {@code /health/ready}, and the mail metrics at the server's metrics endpoint.
 *
 * <p>Aliases of this class, besides the example's own: {@code bulk} (the example's newsletter
 * alias) sends to {@link MailPeers#slowRelay()}; {@code monitored} to
 * {@link MailPeers#monitoredRelay()}, checked every {@link #HEALTH_INTERVAL}; {@code refusing}
 * to {@link MailPeers#refusing()}.
 */
abstract class ServerFeaturesContract extends ExampleDeploymentContract {

    /** The {@code monitored} alias's health check interval. */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);

    @Override
    Map<String, String> mailProperties() {
        Map<String, String> properties = new HashMap<>(super.mailProperties());
        properties.put("mail.bulk.host", "127.0.0.1");
        properties.put("mail.bulk.port", Integer.toString(peers.slowRelay().port()));
        // Its probe would wait 5 s per reply: not what the readiness of this server should say.
        properties.put("mail.bulk.health.enabled", "false");
        properties.put("mail.monitored.backend", "smtp");
        properties.put("mail.monitored.host", "127.0.0.1");
        properties.put("mail.monitored.port", Integer.toString(peers.monitoredRelay().port()));
        properties.put("mail.monitored.health.interval", HEALTH_INTERVAL.toString());
        properties.put("mail.refusing.backend", "smtp");
        properties.put("mail.refusing.host", "127.0.0.1");
        properties.put("mail.refusing.port", Integer.toString(peers.refusing().port()));
        return properties;
    }

    // --- One JTA transaction: the account row and its welcome mail ---------------------------

    @Test
    void aCommittedSignUpStoresTheAccountAndMailsTheWelcomeExactlyOnce() throws MessagingException {
        String committed = unique("committed") + "@example.org";
        String marker = unique("marker") + "@example.org";

        assertThat(register(committed, false).statusCode()).isEqualTo(201);
        assertThat(accounts(committed)).isEqualTo(1);
        // A second committed sign-up after it: a duplicate of the first would arrive before it.
        assertThat(register(marker, false).statusCode()).isEqualTo(201);

        List<MimeMessage> mails = MailPeers.awaitMessages(peers.plain(), 2);
        assertThat(mails).hasSize(2);
        assertThat(mails).extracting(MimeMessage::getSubject).containsOnly("Welcome to Example Shop");
        assertThat(mails).extracting(m -> addresses(m.getAllRecipients())).containsExactlyInAnyOrder(
                List.of(committed), List.of(marker));
    }

    @Test
    void aRolledBackSignUpStoresNothingAndMailsNothing() throws MessagingException {
        String rolledBack = unique("rolled-back") + "@example.org";
        String marker = unique("marker") + "@example.org";

        HttpResponse<String> aborted = register(rolledBack, true);
        assertThat(aborted.statusCode()).isEqualTo(409);
        assertThat(accounts(rolledBack)).as("the row rolled back").isZero();
        // No sleep: a committed sign-up after it takes the same path; its mail arriving alone
        // shows the rolled-back one was discarded, not merely late.
        assertThat(register(marker, false).statusCode()).isEqualTo(201);

        MimeMessage mail = only(MailPeers.awaitMessages(peers.plain(), 1));
        assertThat(addresses(mail.getAllRecipients())).containsExactly(marker);
        assertThat(peers.plain().getReceivedMessages()).as("everything the SMTP server got").hasSize(1);
        assertThat(accounts(marker)).isEqualTo(1);
    }

    // --- Asynchronous sending -----------------------------------------------------------------

    @Test
    void anAsynchronousSendReturnsBeforeTheSlowSmtpServerAnswersAndTheMailArrivesAfterwards()
            throws MessagingException {
        String subscriber = unique("subscriber") + "@example.org";

        Instant asked = Instant.now();
        HttpResponse<String> response = Http.postForm(api(EXAMPLE, "newsletter"), Map.of("email", subscriber));
        Instant answered = Instant.now();
        int repliesBeforeTheAnswer = peers.slowRelay().replies();

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(repliesBeforeTheAnswer).as("SMTP replies the client had when the request returned").isZero();
        assertThat(Duration.between(asked, answered)).isLessThan(MailPeers.SLOW_REPLY);

        // Greeting, EHLO, MAIL, RCPT, DATA: five replies of 5 s before the message is stored.
        MimeMessage mail = only(MailPeers.awaitMessages(peers.slow(), 1, MailPeers.SLOW_REPLY.multipliedBy(12)));
        assertThat(mail.getSubject()).isEqualTo("You are subscribed");
        assertThat(addresses(mail.getAllRecipients())).containsExactly(subscriber);
        assertThat(peers.slowRelay().firstReplyAt()).hasValueSatisfying(first -> assertThat(first).isAfter(answered));
    }

    // --- CDI events: the example's observers ---------------------------------------------------

    @Test
    void thePolicyObserverVetoesMailToTheBlockedDomainAndMarksTheRest() throws MessagingException {
        String blockedSubject = unique("blocked");
        String allowedSubject = unique("allowed");

        Properties vetoed = notice("default", blockedSubject, Map.of("to", "someone@blocked.example"));
        assertThat(vetoed.getProperty("status")).isEqualTo("NOT_SENT");
        assertThat(vetoed.getProperty("policy")).as("refused by policy").isEqualTo("1");
        Properties sent = notice("default", allowedSubject, Map.of("to", "someone@example.org"));
        assertThat(sent.getProperty("status")).isEqualTo("SENT");

        MimeMessage mail = only(MailPeers.awaitMessages(peers.plain(), 1));
        assertThat(mail.getSubject()).isEqualTo(allowedSubject);
        assertThat(mail.getHeader("X-Example-Policy", null)).isEqualTo("checked");
        assertThat(peers.plain().getReceivedMessagesForDomain("blocked.example")).isEmpty();
    }

    @Test
    void anAfterSendObserverRecordsTheReceipt() {
        String subject = unique("receipt");

        notice("default", subject, Map.of("to", "first@example.org", "cc", "second@example.org"));

        Map<String, String> entry = awaitActivity("after-send", subject);
        assertThat(entry).containsEntry("alias", "default").containsEntry("status", "SENT")
                .containsEntry("accepted", "2").containsEntry("refused", "0").containsEntry("reply", "250")
                .containsEntry("queued", "false");
        assertThat(String.join("\n", activity())).as("the log has no addresses").doesNotContain("@");
    }

    @Test
    void aFailureObserverSeesA550AsPermanent() {
        String subject = unique("refused");

        Properties receipt = notice("refusing", subject, Map.of("to", MailPeers.REFUSED));
        assertThat(receipt.getProperty("status")).isEqualTo("NOT_SENT");
        assertThat(receipt.getProperty("policy")).as("a refusal by the server, not by policy").isEqualTo("0");

        Map<String, String> entry = awaitActivity("send-failed", subject);
        assertThat(entry).containsEntry("alias", "refusing").containsEntry("temporary", "false")
                .containsEntry("outcome", "REPORTED").containsEntry("queued", "false");
        assertThat(entry.get("codes")).startsWith("550");
        assertThat(activityEntries("after-send", subject)).as("nothing was sent").isEmpty();
        assertThat(peers.refusing().received()).as("messages the server accepted").isEmpty();
    }

    // --- Recipient governance ------------------------------------------------------------------

    @Test
    void redirectToSendsEveryMessageToTheQaInboxOnlyAndKeepsTheOriginalRecipientsInHeaders()
            throws MessagingException {
        String subject = unique("staging");

        Properties receipt = notice("staging", subject,
                Map.of("to", "ann@example.org", "cc", "bob@example.org", "bcc", "cy@example.org"));
        assertThat(receipt.getProperty("status")).isEqualTo("SENT");
        assertThat(receipt.getProperty("accepted")).isEqualTo("1");

        MimeMessage mail = only(MailPeers.awaitMessages(peers.plain(), 1));
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(addresses(mail.getAllRecipients())).containsExactly("qa-inbox@example.com");
        assertThat(mail.getHeader("X-Original-To", null)).contains("ann@example.org");
        assertThat(mail.getHeader("X-Original-Cc", null)).contains("bob@example.org");
        assertThat(mail.getHeader("X-Original-Bcc", null)).contains("cy@example.org");
    }

    @Test
    void allowedRecipientsDeliversToMatchingAddressesAndReportsTheOthersAsRefusedByPolicy() {
        String subject = unique("restricted");

        Properties receipt = notice("restricted", subject,
                Map.of("to", "ann@example.com, qa+run@example.org", "cc", "eve@elsewhere.example"));
        assertThat(receipt.getProperty("status")).isEqualTo("PARTLY_SENT");
        assertThat(receipt.getProperty("accepted")).isEqualTo("2");
        assertThat(receipt.getProperty("refused")).isEqualTo("1");
        assertThat(receipt.getProperty("policy")).isEqualTo("1");
        assertThat(receipt.getProperty("reasons")).contains("allowed-recipients");

        // GreenMail keeps one copy per envelope recipient.
        assertThat(MailPeers.awaitMessages(peers.plain(), 2)).hasSize(2);
        assertThat(peers.plain().getReceivedMessagesForDomain("elsewhere.example")).isEmpty();
    }

    // --- Health and metrics --------------------------------------------------------------------

    @Test
    void healthReadyReportsTheAliasUpWithALiveSmtpServerAndDownWithinTheIntervalAfterItStops()
            throws IOException {
        List<HealthReport.Check> up = awaitMonitoredCheck("UP", Duration.ofSeconds(30));
        assertThat(up).allSatisfy(check -> assertThat(check.data()).containsEntry("alias", "monitored")
                .containsEntry("server", "127.0.0.1:" + peers.monitoredRelay().port()));

        peers.monitoredRelay().outage();
        Instant stopped = Instant.now();
        // Within the check interval (the cached result's age), plus the time one probe may take.
        List<HealthReport.Check> down = awaitMonitoredCheck("DOWN", HEALTH_INTERVAL.plus(Duration.ofSeconds(10)));
        assertThat(down).allSatisfy(check -> assertThat(check.data()).containsKey("reason-id"));
        assertThat(Duration.between(stopped, Instant.now())).isLessThan(HEALTH_INTERVAL.plus(Duration.ofSeconds(10)));

        peers.monitoredRelay().endOutage();
        awaitMonitoredCheck("UP", HEALTH_INTERVAL.plus(Duration.ofSeconds(10)));
    }

    @Test
    void theMetricsEndpointCountsTheMailSentAndFailedPerAlias() {
        String subject = unique("metrics");
        notice("refusing", subject, Map.of("to", MailPeers.REFUSED));
        notice("default", subject, Map.of("to", "counted@example.org"));

        String metrics = awaitBody(server.metrics(), body -> metricValue(body, "sent", "default").orElse(0.0) >= 1
                && metricValue(body, "failed", "refusing").orElse(0.0) >= 1);
        assertThat(metricValue(metrics, "sent", "default")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(metricValue(metrics, "failed", "refusing")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    }

    // --- helpers -------------------------------------------------------------------------------

    private HttpResponse<String> register(String email, boolean abort) {
        return Http.postForm(api(EXAMPLE, "accounts"),
                Map.of("email", email, "name", "Ada", "abort", Boolean.toString(abort)));
    }

    private int accounts(String email) {
        HttpResponse<String> response = Http.get(api(EXAMPLE, "accounts?email=" + email.replace("+", "%2B")));
        assertThat(response.statusCode()).isEqualTo(200);
        return Integer.parseInt(response.body().strip());
    }

    /** Sends a notice through an alias; the receipt the example answers with. */
    private Properties notice(String alias, String subject, Map<String, String> recipients) {
        Map<String, String> form = new LinkedHashMap<>(recipients);
        form.put("alias", alias);
        form.put("subject", subject);
        HttpResponse<String> response = Http.postForm(api(EXAMPLE, "notices"), form);
        assertThat(response.statusCode()).as("notice through %s: %s", alias, response.body()).isEqualTo(200);
        Properties receipt = new Properties();
        try {
            receipt.load(new StringReader(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return receipt;
    }

    private List<String> activity() {
        HttpResponse<String> response = Http.get(api(EXAMPLE, "mail-activity"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().toList();
    }

    private List<Map<String, String>> activityEntries(String event, String subject) {
        return activity().stream().map(ServerFeaturesContract::fields)
                .filter(e -> event.equals(e.get("event")) && subject.equals(e.get("subject"))).toList();
    }

    /** Observers may run after the response (asynchronous sends, @ObservesAsync): awaited. */
    private Map<String, String> awaitActivity(String event, String subject) {
        return await(event + " for " + subject, Duration.ofSeconds(30),
                () -> activityEntries(event, subject).stream().findFirst());
    }

    private static Map<String, String> fields(String entry) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : entry.split("\t")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    /** Every deployment's check of the {@code monitored} alias (each WAR of the example has one). */
    private List<HealthReport.Check> awaitMonitoredCheck(String status, Duration timeout) {
        AtomicReference<String> seen = new AtomicReference<>("nothing");
        return await("every check cdi-mail.monitored " + status + " at " + server.healthReady(), timeout, () -> {
            String body = Http.get(server.healthReady()).body();
            seen.set(body);
            List<HealthReport.Check> checks = HealthReport.parse(body).checks("cdi-mail.monitored");
            return checks.isEmpty() || !checks.stream().allMatch(c -> status.equals(c.status()))
                    ? Optional.empty() : Optional.of(checks);
        }, seen::get);
    }

    private String awaitBody(URI uri, Predicate<String> condition) {
        AtomicReference<String> seen = new AtomicReference<>("nothing");
        return await("a body of " + uri + " that matches", Duration.ofSeconds(30), () -> {
            HttpResponse<String> response = Http.get(uri);
            seen.set(response.statusCode() + ": " + response.body().lines().filter(l -> l.startsWith("cdimail_"))
                    .collect(Collectors.joining("\n")));
            return response.statusCode() == 200 && condition.test(response.body())
                    ? Optional.of(response.body()) : Optional.empty();
        }, seen::get);
    }

    /**
     * The value of the first Prometheus sample whose name contains {@code cdimail} and {@code what}
     * and whose labels hold {@code alias}.
     */
    static Optional<Double> metricValue(String prometheus, String what, String alias) {
        return prometheus.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> {
                    String name = l.contains("{") ? l.substring(0, l.indexOf('{')) : l.split(" ")[0];
                    return name.contains("cdimail") && name.contains(what) && l.contains("\"" + alias + "\"");
                })
                .map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    /** Polls {@code probe} until it gives a value, failing after {@code timeout}. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return await(what, timeout, probe, () -> "");
    }

    /** Polls {@code probe} until it gives a value, failing after {@code timeout} with what was seen last. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                String seen = lastSeen.get();
                throw new AssertionError("no " + what + " within " + timeout + (seen.isEmpty() ? "" : "; last seen: " + seen));
            }
            pause();
        }
    }

    /** The poll interval of {@link #await}: it waits for a condition, with a deadline. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
