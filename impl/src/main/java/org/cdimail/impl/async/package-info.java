/**
 * {@link org.cdimail.Mailer#async()}: the executors asynchronous sends run on (the container's
 * {@code ManagedExecutorService}, else cdi-mail's own bounded one), the bound on pending sends, and
 * the orderly shutdown that finishes or reports them. Internal.
 */
package org.cdimail.impl.async;
