/**
 * cdi-mail's metrics: counters and timers per alias, and a queue-depth gauge per queued alias,
 * counted by observing cdi-mail's own CDI events ({@link org.cdimail.event.AfterSend},
 * {@link org.cdimail.event.SendFailed}) and registered in Micrometer's {@code MeterRegistry} or
 * MicroProfile Metrics' {@code MetricRegistry}, whichever the server provides as a CDI bean.
 * Internal: applications add the artifact and read their server's metrics endpoint.
 */
package org.cdimail.metrics;
