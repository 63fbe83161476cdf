/**
 * The cdi-mail TCK: contract tests that implementors of backends or of the whole API run.
 */
package org.cdimail.tck;
