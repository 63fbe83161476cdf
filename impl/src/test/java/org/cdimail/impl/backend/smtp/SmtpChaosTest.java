package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.impl.backend.smtp.ChaosPeer.Conversation;
import org.cdimail.impl.backend.smtp.ChaosPeer.End;
import org.cdimail.impl.backend.smtp.ChaosPeer.Ending;
import org.cdimail.impl.backend.smtp.ChaosPeer.Plan;
import org.cdimail.impl.backend.smtp.ChaosPeer.Transaction;
import org.cdimail.impl.support.MailContainer;

/**
 * Seeded chaos: a batch of 50 to 200 distinct messages goes through the {@link Mailer} to a
 * {@link ChaosPeer} whose connections each follow a plan drawn from the seed (421 and hang up,
 * hang up with or without the queued replies, cleanly or with a reset, hang up right after a
 * final dot keeping the message, refuse recipients or final dots), with and without
 * {@code PIPELINING}, without a pool and with pools of 1, 2 and 4 connections, with and without
 * fail-silently, with and without {@code pool.max-messages-per-connection}. The seed picks the
 * combination (all 32 in turn) and everything else. What must hold whatever happens:
 * <ul>
 * <li>no final dot of a message is ever sent twice, so no message is delivered twice;</li>
 * <li>a message dropped before its final dot is sent again once, on another connection; one dropped
 * twice, or refused, or lost after its final dot is not sent again;</li>
 * <li>with fail-silently every message is tried, and the count returned is exactly the number of
 * messages whose acceptance ({@code 250} to the final dot) reached the client;</li>
 * <li>without it the first failure is thrown and stops the batch (over one connection: nothing after
 * the failed message but the one begun with its dot, which never gets a final dot), and a batch
 * without failures returns the full count;</li>
 * <li>every message goes with its own recipients and content, and no command out of step;</li>
 * <li>every connection is closed once the call returns (no pool) or the container closes (pool).</li>
 * </ul>
 * A failure names the seed and the scenario; rerun one seed by narrowing {@link #seeds()}.
 */
class SmtpChaosTest {

    private static final int SEEDS = 200;
    private static final int[] POOLS = { 0, 1, 2, 4 };
    private static final Set<End> DOT_ENDS = EnumSet.of(End.ACCEPTED, End.DOT_REFUSED, End.DOT_421,
            End.HUNG_UP_AT_DOT, End.HUNG_UP_AFTER_DOT);

    /** Everything a seed decides. */
    record Scenario(long seed, boolean pipelining, int poolConnections, boolean failSilently, int maxPerConnection,
            int messageCount, int misbehaving, double endChance, int triggerRange, double refuseRecipient,
            double refuseDot) {

        static Scenario of(long seed) {
            Random random = new Random(seed);
            int combination = (int) (seed % 32);
            int cap = (combination & 16) != 0 ? 1 + random.nextInt(6) : 0;
            int profile = random.nextInt(3);
            return new Scenario(seed, (combination & 1) != 0, POOLS[(combination >> 2) & 3], (combination & 2) != 0,
                    cap, 50 + random.nextInt(151), random.nextInt(41), 0.4 + 0.6 * random.nextDouble(),
                    1 + random.nextInt(40), profile > 0 ? 0.002 + 0.03 * random.nextDouble() : 0,
                    profile == 2 ? 0.002 + 0.02 * random.nextDouble() : 0);
        }

        /** The plan of connection {@code number}: connections after the first {@code misbehaving} ones never end early. */
        Plan plan(int number) {
            Random random = new Random(seed * 1_000_003L + number * 7919L);
            long connectionSeed = random.nextLong();
            if (number > misbehaving || random.nextDouble() >= endChance) {
                return Plan.behave(refuseRecipient, refuseDot, connectionSeed);
            }
            Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
            return new Plan(ending, 1 + random.nextInt(triggerRange), random.nextBoolean(), random.nextInt(4) == 0,
                    refuseRecipient, refuseDot, connectionSeed);
        }

        boolean serial() {
            return poolConnections <= 1;
        }
    }

    /** How one message fared, from the server's record, as far as the client could know. */
    enum Outcome {
        /** Accepted for every recipient, and the client saw the 250. */
        SENT,
        /** Accepted for some recipients (others refused), and the client saw the 250. */
        PARTLY_SENT,
        /** Refused, or lost after its final dot, or dropped twice: the client knows it failed. */
        FAILED,
        /** Not finished: never tried, or dropped or abandoned with no more tries (only after a failure). */
        UNFINISHED
    }

    static LongStream seeds() {
        return LongStream.range(0, SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noMessageIsLostOrSentTwiceWhateverTheServerDoes(long seed) throws IOException {
        Scenario scenario = Scenario.of(seed);
        List<EmailMessage> messages = messages(scenario);
        Integer count = null;
        MailException thrown = null;
        ChaosPeer peer = new ChaosPeer(scenario.pipelining(), scenario::plan);
        try {
            MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                    Integer.toString(peer.port()), "mail.timeout", "PT2S", "mail.pool.max-connections",
                    Integer.toString(scenario.poolConnections()), "mail.pool.max-messages-per-connection",
                    Integer.toString(scenario.maxPerConnection())).start();
            try {
                Mailer mailer = container.select(Mailer.class);
                try {
                    count = mailer.sendMassMail(messages,
                            SendOptions.builder().failSilently(scenario.failSilently()).build());
                } catch (MailException e) {
                    thrown = e;
                }
                if (scenario.poolConnections() == 0) {
                    awaitEnded(peer, scenario, "every connection closed when the call returned (no pool)");
                }
            } finally {
                container.close();
            }
            awaitEnded(peer, scenario, "every connection closed once the container closed");
            List<String> problems = new Check(scenario, messages, peer, count, thrown).problems();
            assertThat(problems).as("seed %d: %s%nconnections: %s", seed, scenario, peer.conversations()).isEmpty();
        } finally {
            peer.close();
        }
    }

    private static void awaitEnded(ChaosPeer peer, Scenario scenario, String what) {
        BooleanSupplier allEnded = () -> peer.conversations().stream().allMatch(c -> c.ended);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!allEnded.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("seed " + scenario.seed() + ": not within 5 s: " + what + "; " + scenario
                        + "; still open: " + peer.conversations().stream().filter(c -> !c.ended).toList());
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // polls the condition, not a fixed delay
        }
    }

    /** Message {@code i}: its own sender (which names its transactions) and 1 to 3 recipients of its own. */
    private static List<EmailMessage> messages(Scenario scenario) {
        Random random = new Random(~scenario.seed());
        List<EmailMessage> messages = new ArrayList<>();
        for (int i = 0; i < scenario.messageCount(); i++) {
            List<String> to = new ArrayList<>();
            int recipients = 1 + random.nextInt(3);
            for (int r = 0; r < recipients; r++) {
                to.add("m" + i + "r" + r + "@chaos.example");
            }
            StringBuilder body = new StringBuilder("Body of m" + i + "\n");
            int lines = random.nextInt(8) == 0 ? random.nextInt(600) : random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                body.append(l % 7 == 0 ? ".dot-stuffed " : "line ").append(l).append(" of m").append(i).append('\n');
            }
            messages.add(EmailMessage.builder().subject(subject(i)).body(body.toString()).from(sender(i)).to(to)
                    .build());
        }
        return messages;
    }

    private static String sender(int i) {
        return "m" + i + "@sender.example";
    }

    private static String subject(int i) {
        return "chaos message " + i;
    }

    /** The server's record checked against the guarantees, each broken one a line. */
    private static final class Check {
        private final Scenario scenario;
        private final List<EmailMessage> messages;
        private final ChaosPeer peer;
        private final Integer count;
        private final MailException thrown;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, List<Transaction>> bySender;

        Check(Scenario scenario, List<EmailMessage> messages, ChaosPeer peer, Integer count, MailException thrown) {
            this.scenario = scenario;
            this.messages = messages;
            this.peer = peer;
            this.count = count;
            this.thrown = thrown;
            this.bySender = peer.transactions().stream().sorted(Comparator.comparingLong(t -> t.sequence))
                    .collect(Collectors.groupingBy(t -> t.sender, LinkedHashMap::new, Collectors.toList()));
        }

        List<String> problems() {
            for (Conversation conversation : peer.conversations()) {
                if (!conversation.protocolErrors.isEmpty()) {
                    problems.add("c" + conversation.number + ": client out of step: " + conversation.protocolErrors);
                }
            }
            Set<String> senders = messages.stream().map(m -> m.from().orElseThrow()).collect(Collectors.toSet());
            bySender.keySet().stream().filter(s -> !senders.contains(s))
                    .forEach(s -> problems.add("a transaction from an unknown sender: " + bySender.get(s)));
            Outcome[] outcomes = new Outcome[messages.size()];
            for (int i = 0; i < messages.size(); i++) {
                outcomes[i] = outcome(i);
            }
            checkCapPerConnection();
            if (scenario.failSilently()) {
                checkFailSilently(outcomes);
            } else if (scenario.serial()) {
                checkStopsSerially(outcomes);
            } else {
                checkStopsInParallel(outcomes);
            }
            return problems;
        }

        private List<Transaction> transactionsOf(int i) {
            return bySender.getOrDefault(sender(i), List.of());
        }

        /** Checks what every transaction of message {@code i} carried, and how they follow each other. */
        private Outcome outcome(int i) {
            EmailMessage message = messages.get(i);
            List<String> recipients = message.to();
            List<Transaction> all = transactionsOf(i);
            String trace = "m" + i + " " + all;
            List<Transaction> attempts = new ArrayList<>();
            for (Transaction t : all) {
                if (t.end == End.OPEN) {
                    problems.add(trace + ": a transaction never ended");
                }
                if (t.recipients.size() > recipients.size()
                        || !t.recipients.equals(recipients.subList(0, t.recipients.size()))) {
                    problems.add(trace + ": RCPT TO " + t.recipients + " instead of " + recipients);
                }
                if (t.dotRead) {
                    if (!t.recipients.equals(recipients)) {
                        problems.add(trace + ": content sent with recipients " + t.recipients + " of " + recipients);
                    }
                    if (!t.content.contains("Subject: " + subject(i) + "\r\n")
                            || !t.content.contains("Body of m" + i + "\r\n")) {
                        problems.add(trace + ": the content of another message went with this envelope");
                    }
                }
                if (t.begunOnLostConnection()) {
                    if (!attempts.isEmpty() || t.dotRead) {
                        problems.add(trace + ": a transaction begun on a lost connection after the message was tried");
                    }
                } else {
                    attempts.add(t);
                }
            }
            if (all.stream().filter(t -> t.begunOnLostConnection()).count() > 1) {
                problems.add(trace + ": begun on two lost connections");
            }
            long dots = all.stream().filter(t -> t.dotRead).count();
            if (dots > 1) {
                problems.add(trace + ": its final dot was sent " + dots + " times");
            }
            long kept = all.stream().filter(Transaction::kept).count();
            if (kept > 1) {
                problems.add(trace + ": delivered " + kept + " times");
            }
            return pattern(trace, attempts);
        }

        /**
         * The attempts (transactions of its own sends, not one begun on a connection lost with the
         * previous message) must read: [dropped] then one that reached an end (final dot or every
         * recipient refused), or dropped twice; or, unfinished, nothing, one drop or an abandon.
         */
        private Outcome pattern(String trace, List<Transaction> attempts) {
            List<End> ends = attempts.stream().map(t -> t.end).toList();
            int size = ends.size();
            for (int k = 0; k < size - 1; k++) {
                if (ends.get(k) != End.DROPPED) {
                    problems.add(trace + ": tried again after " + ends.get(k));
                    return Outcome.FAILED;
                }
            }
            if (size > 2) {
                problems.add(trace + ": tried " + size + " times");
                return Outcome.FAILED;
            }
            if (size == 0) {
                return Outcome.UNFINISHED;
            }
            Transaction last = attempts.get(size - 1);
            if (last.end == End.DROPPED) {
                return size == 2 ? Outcome.FAILED : Outcome.UNFINISHED;
            }
            if (last.end == End.ABANDONED) {
                if (size > 1) {
                    problems.add(trace + ": a resent message abandoned before its final dot");
                }
                return Outcome.UNFINISHED;
            }
            if (last.acceptanceSeen()) {
                return last.refused.isEmpty() ? Outcome.SENT : Outcome.PARTLY_SENT;
            }
            if (!DOT_ENDS.contains(last.end) && last.end != End.ALL_REFUSED) {
                problems.add(trace + ": ended " + last.end);
            }
            return Outcome.FAILED;
        }

        private void checkCapPerConnection() {
            if (scenario.maxPerConnection() == 0) {
                return;
            }
            Map<Integer, Long> sentPerConnection = peer.transactions().stream()
                    .filter(Transaction::acceptanceSeen) // partly refused ones too: the server took them
                    .collect(Collectors.groupingBy(t -> t.connection, Collectors.counting()));
            sentPerConnection.forEach((connection, sent) -> {
                if (sent > scenario.maxPerConnection()) {
                    problems.add("c" + connection + " carried " + sent + " messages, more than the cap");
                }
            });
        }

        private void checkFailSilently(Outcome[] outcomes) {
            if (thrown != null) {
                problems.add("fail-silently, yet thrown: " + thrown);
                return;
            }
            int seen = 0;
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == Outcome.UNFINISHED) {
                    problems.add("m" + i + " " + transactionsOf(i) + ": never finished (not tried, or dropped and"
                            + " not tried again)");
                }
                if (outcomes[i] == Outcome.SENT || outcomes[i] == Outcome.PARTLY_SENT) {
                    seen++;
                }
            }
            // The server kept more (a 250 it never wrote, a message kept as it hung up): the client cannot know those.
            if (count == null || count != seen) {
                problems.add("returned " + count + " but the client saw " + seen + " acceptances");
            }
            checkOrderIfSerial();
        }

        /** Over one connection at a time, messages are tried in order. */
        private void checkOrderIfSerial() {
            if (!scenario.serial()) {
                return;
            }
            long previous = 0;
            for (int i = 0; i < messages.size(); i++) {
                List<Transaction> all = transactionsOf(i);
                if (all.isEmpty()) {
                    continue;
                }
                if (all.get(0).sequence < previous) {
                    problems.add("m" + i + " " + all + " began before an earlier message's transaction");
                }
                previous = all.get(all.size() - 1).sequence;
            }
        }

        private void checkStopsSerially(Outcome[] outcomes) {
            int failed = firstFailure(outcomes);
            if (failed < 0) {
                checkCompleted(outcomes);
                return;
            }
            if (thrown == null) {
                problems.add("m" + failed + " " + transactionsOf(failed) + " failed, yet returned " + count);
                return;
            }
            for (int i = 0; i < failed; i++) {
                if (outcomes[i] != Outcome.SENT) {
                    problems.add("m" + i + " " + transactionsOf(i) + ": " + outcomes[i] + " before the failure");
                }
            }
            if (failed + 1 < outcomes.length) {
                List<Transaction> begun = transactionsOf(failed + 1);
                if (begun.size() > 1 || begun.stream().anyMatch(t -> t.dotRead)) {
                    problems.add("m" + (failed + 1) + " " + begun + ": more than begun after m" + failed + " failed");
                }
            }
            for (int i = failed + 2; i < outcomes.length; i++) {
                if (!transactionsOf(i).isEmpty()) {
                    problems.add("m" + i + " " + transactionsOf(i) + ": tried after m" + failed + " failed");
                }
            }
            if (thrown instanceof MailDeliveryException refused) {
                int expected = failed + (outcomes[failed] == Outcome.PARTLY_SENT ? 1 : 0);
                if (refused.messagesSent() != expected) {
                    problems.add("messagesSent() " + refused.messagesSent() + ", expected " + expected);
                }
            }
            checkOrderIfSerial();
        }

        private void checkStopsInParallel(Outcome[] outcomes) {
            if (firstFailure(outcomes) < 0) {
                checkCompleted(outcomes);
                return;
            }
            if (thrown == null) {
                problems.add("some message failed, yet returned " + count);
            }
        }

        /** No failure: every message sent, the full count, nothing thrown. */
        private void checkCompleted(Outcome[] outcomes) {
            if (thrown != null) {
                problems.add("no message failed, yet thrown: " + thrown);
            }
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] != Outcome.SENT) {
                    problems.add("m" + i + " " + transactionsOf(i) + ": " + outcomes[i] + " without any failure");
                }
            }
            if (thrown == null && (count == null || count != outcomes.length)) {
                problems.add("returned " + count + " for " + outcomes.length + " messages all sent");
            }
        }

        private static int firstFailure(Outcome[] outcomes) {
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == Outcome.FAILED || outcomes[i] == Outcome.PARTLY_SENT) {
                    return i;
                }
            }
            return -1;
        }
    }
}
