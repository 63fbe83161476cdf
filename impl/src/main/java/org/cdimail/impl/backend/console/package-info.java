/** The {@code console} backend: writes each message to standard output (or another stream). */
package org.cdimail.impl.backend.console;
