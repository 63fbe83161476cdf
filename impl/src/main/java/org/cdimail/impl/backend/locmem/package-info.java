/** The {@code locmem} backend: an in-memory outbox per alias, for tests. */
package org.cdimail.impl.backend.locmem;
