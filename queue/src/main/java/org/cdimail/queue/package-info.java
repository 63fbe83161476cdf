/**
 * cdi-mail's durable queue: an alias with {@code mail.<alias>.queue.enabled=true} renders each
 * message and stores its bytes and envelope in Jakarta Messaging (ActiveMQ Artemis) before the
 * send returns; workers deliver them through the alias's backend, retry deferred recipients with
 * scheduled delivery and move what cannot be delivered to a dead-letter queue. See
 * {@code docs/queue.md}. Internal: applications configure it, they do not call it.
 */
package org.cdimail.queue;
