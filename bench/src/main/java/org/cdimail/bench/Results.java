package org.cdimail.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/** Medians and the {@code RESULT} lines the script reads. */
final class Results {

    private Results() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static void print(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.1f", name, value));
        System.out.flush();
    }

    /** CPU time of this process (every thread: the sender, the JIT, the collector) so far. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Messages per second for {@code count} messages in {@code nanos}. */
    static double rate(int count, long nanos) {
        return count / (nanos / 1e9);
    }
}
