/**
 * The small application {@code WildFlyQueueIT} deploys: a sign-up that inserts a row into the
 * server's default datasource and sends a welcome mail through a queued alias, in one JTA
 * transaction; an endpoint that delivers one message through any (queued) alias and answers its
 * receipt; and observers of cdi-mail's events whose counts an endpoint answers. Packed into a WAR
 * by the test; never on the test's own class path at run time.
 */
package org.cdimail.it.queueapp;
