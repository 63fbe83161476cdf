/**
 * The stage in front of every alias's connections: the {@code BeforeSend} event (veto, replace),
 * recipient governance ({@code redirect-to}, {@code allowed-recipients}), the receipts in the
 * caller's order, and the {@code AfterSend} and {@code SendFailed} events, fired through CDI only
 * when the application observes them. Internal: applications observe {@link org.cdimail.event}.
 */
package org.cdimail.impl.pipeline;
