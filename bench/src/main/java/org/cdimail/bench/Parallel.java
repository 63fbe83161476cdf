package org.cdimail.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;

/**
 * Parallel delivery through an alias whose pool holds N connections ({@code mail.poolN.pool.max-connections=N}):
 * one {@code sendMassMail} of all the messages, and N threads that each call {@code send} for
 * their share of the messages, one message per call.
 *
 * <p>Arguments: host port count warm-up-rounds measured-rounds N…
 */
public final class Parallel {

    private Parallel() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        List<Integer> sizes = new ArrayList<>();
        Map<String, String> config = new HashMap<>(Map.of("mail.host", host, "mail.port", Integer.toString(port)));
        for (int i = 5; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            sizes.add(n);
            config.put("mail.pool" + n + ".backend", "smtp");
            config.put("mail.pool" + n + ".pool.max-connections", Integer.toString(n));
        }
        List<EmailMessage> batch = Fixtures.plainBatch(count);
        try (Container container = Container.start(true, config)) {
            for (int n : sizes) {
                Mailer mailer = container.mailer().using("pool" + n);
                ExecutorService callers = Executors.newFixedThreadPool(n);
                try {
                    for (int i = 0; i < warmups; i++) {
                        mass(mailer, batch);
                        callers(mailer, batch, n, callers);
                    }
                    double[] mass = new double[rounds];
                    double[] concurrent = new double[rounds];
                    double[] massCpu = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        long cpu = Results.processCpuNanos();
                        mass[i] = Results.rate(count, mass(mailer, batch));
                        massCpu[i] = (Results.processCpuNanos() - cpu) / 1e3 / count;
                        concurrent[i] = Results.rate(count, callers(mailer, batch, n, callers));
                    }
                    Results.print("parallel." + n + ".mass", Results.median(mass));
                    Results.print("parallel." + n + ".callers", Results.median(concurrent));
                    Results.print("parallel." + n + ".mass.cpu-us", Results.median(massCpu));
                } finally {
                    callers.shutdown();
                }
            }
        }
    }

    private static long mass(Mailer mailer, List<EmailMessage> batch) {
        long start = System.nanoTime();
        int sent = mailer.sendMassMail(batch);
        long elapsed = System.nanoTime() - start;
        OneConnection.check(sent, batch.size());
        return elapsed;
    }

    private static long callers(Mailer mailer, List<EmailMessage> batch, int n, ExecutorService threads)
            throws Exception {
        long start = System.nanoTime();
        List<Future<Integer>> shares = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int first = t;
            shares.add(threads.submit(() -> {
                int sent = 0;
                for (int i = first; i < batch.size(); i += n) {
                    sent += mailer.send(batch.get(i));
                }
                return sent;
            }));
        }
        int sent = 0;
        for (Future<Integer> share : shares) {
            sent += share.get();
        }
        long elapsed = System.nanoTime() - start;
        OneConnection.check(sent, batch.size());
        return elapsed;
    }
}
