/** The {@code dummy} backend: counts messages and sends nothing. */
package org.cdimail.impl.backend.dummy;
