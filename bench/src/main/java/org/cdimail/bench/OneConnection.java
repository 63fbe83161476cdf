package org.cdimail.bench;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;

/**
 * One connection: {@code sendMassMail} of N 1 KB messages (the smtp backend, default alias)
 * against Jakarta Mail reusing one {@link Transport} for the same messages, built by hand. Rounds
 * alternate which side goes first.
 *
 * <p>Arguments: host port count warm-up-rounds measured-rounds.
 */
public final class OneConnection {

    private OneConnection() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        try (Container container = Container.start(true, Map.of("mail.host", host, "mail.port", Integer.toString(port)))) {
            Mailer mailer = container.mailer();
            List<EmailMessage> batch = Fixtures.plainBatch(count);
            Session session = Fixtures.session(host, port);
            for (int i = 0; i < warmups; i++) {
                cdiMail(mailer, batch);
                raw(session, count);
            }
            double[] ours = new double[rounds];
            double[] theirs = new double[rounds];
            double[] oursCpu = new double[rounds];
            double[] theirsCpu = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                for (int side = 0; side < 2; side++) {
                    long cpu = Results.processCpuNanos();
                    if ((i + side) % 2 == 0) {
                        ours[i] = Results.rate(count, cdiMail(mailer, batch));
                        oursCpu[i] = (Results.processCpuNanos() - cpu) / 1e3 / count;
                    } else {
                        theirs[i] = Results.rate(count, raw(session, count));
                        theirsCpu[i] = (Results.processCpuNanos() - cpu) / 1e3 / count;
                    }
                }
            }
            Results.print("oneconn.cdimail", Results.median(ours));
            Results.print("oneconn.raw", Results.median(theirs));
            Results.print("oneconn.cdimail.cpu-us", Results.median(oursCpu));
            Results.print("oneconn.raw.cpu-us", Results.median(theirsCpu));
        }
    }

    private static long cdiMail(Mailer mailer, List<EmailMessage> batch) {
        long start = System.nanoTime();
        int sent = mailer.sendMassMail(batch);
        long elapsed = System.nanoTime() - start;
        check(sent, batch.size());
        return elapsed;
    }

    /** What an application does with Jakarta Mail alone: build each message, send it over one transport. */
    static long raw(Session session, int count) throws MessagingException {
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = Fixtures.rawPlain(session, i);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return System.nanoTime() - start;
    }

    static void check(int sent, int expected) {
        if (sent != expected) {
            throw new IllegalStateException("sent " + sent + " of " + expected);
        }
    }
}
