/**
 * Measurement programs for {@code bench/run.sh}: SMTP throughput over one and over N connections,
 * a large attachment in a small heap, rendering (JMH) and container start-up. Each program prints
 * {@code RESULT <name> <value>} lines that the script turns into the table of the README.
 */
package org.cdimail.bench;
