package org.cdimail.bench;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RenderBenchmark} with JMH and prints the median of the measured iterations of each
 * benchmark.
 *
 * <p>Arguments: warm-up-iterations measured-iterations seconds-per-iteration.
 */
public final class Rendering {

    private Rendering() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        TimeValue time = TimeValue.seconds(Long.parseLong(args[2]));
        Options options = new OptionsBuilder().include(RenderBenchmark.class.getName() + "\\.")
                .forks(1).threads(1)
                .warmupIterations(warmups).warmupTime(time)
                .measurementIterations(iterations).measurementTime(time)
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            Results.print("render." + method, result.getPrimaryResult().getStatistics().getPercentile(50));
        }
    }
}
