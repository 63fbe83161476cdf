package org.cdimail.impl.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** Runs a task from many threads at once. */
public final class Parallel {

    private Parallel() {
    }

    /** Runs {@code task(i)} for {@code threads * each} values of i on {@code threads} threads; sums the results. */
    public static int run(int threads, int each, IntUnaryOperator task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * each;
                results.add(pool.submit(() -> {
                    int sum = 0;
                    for (int i = first; i < first + each; i++) {
                        sum += task.applyAsInt(i);
                    }
                    return sum;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
