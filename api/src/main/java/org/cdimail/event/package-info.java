/**
 * CDI events of sending, fired by cdi-mail for every alias, every backend and every path a
 * message takes (the {@code Mailer} methods, {@code AsyncMailer}, injected connections, the
 * {@code cdi-mail} command and the durable queue's workers), each first to synchronous observers
 * ({@code @Observes}) and then to asynchronous ones ({@code @ObservesAsync}):
 * <ul>
 * <li>{@link org.cdimail.event.BeforeSend} before a message is rendered: synchronous observers may
 *     veto it or replace it with a modified copy;</li>
 * <li>{@link org.cdimail.event.AfterSend} once a message was delivered to at least one recipient,
 *     with its receipt;</li>
 * <li>{@link org.cdimail.event.SendFailed} when a message was refused or not delivered, with the
 *     reason, whether it is temporary, and whether it will be retried or is dead.</li>
 * </ul>
 * An event is fired only when the application has an observer of its type; an application without
 * observers pays nothing.
 */
package org.cdimail.event;
