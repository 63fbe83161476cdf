/**
 * The cdi-mail TCK: contract tests that implementors of backends, or of the whole API, run.
 *
 * <p>Tests are grouped by contract, one package each: {@code backend} (the shared backend
 * contract, run once per backend), {@code smtp}, {@code console}, {@code file}, {@code locmem},
 * {@code dummy}, {@code mailer} (the facade), {@code inject} (qualifiers and aliases),
 * {@code message} (rendering and header injection as a backend delivers them),
 * {@code events} (CDI events of sending), {@code governance} (recipient governance),
 * {@code async} (sending in the background) and {@code broken} (deployments that must fail). The annotations of this package carry the JUnit
 * tags listed in {@link org.cdimail.tck.Groups}, so that a runner selects groups with surefire's
 * {@code <groups>}.
 *
 * <p>What an implementor provides lives in {@link org.cdimail.tck.spi}. The package
 * {@code org.cdimail.tck.support} holds the TCK's own machinery; it is not an API.
 */
package org.cdimail.tck;
