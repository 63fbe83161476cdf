/**
 * The porting package of the cdi-mail TCK: what an implementor provides so that the TCK can
 * run against their backend or their implementation. Implementors never edit TCK sources.
 *
 * <p>Each interface here is found in this order:
 * <ol>
 * <li>a JUnit Platform configuration parameter, or a Java system property, whose name is the
 * interface's fully qualified name and whose value is the implementing class's name (for
 * example {@code -Dorg.cdimail.tck.spi.MailboxInspector=com.acme.EmlInspector});</li>
 * <li>otherwise {@link java.util.ServiceLoader}, from
 * {@code META-INF/services/<interface name>} on the test class path.</li>
 * </ol>
 * Implementing classes must be public and have a public no-argument constructor.
 *
 * <ul>
 * <li>{@link org.cdimail.tck.spi.MailboxInspector}: reads what <em>your</em> backend
 * delivered, and may say how to make it fail. Needed to run the {@code provided} group, whose
 * classes fail when none is found; the five built-in backends have inspectors in the TCK.</li>
 * <li>{@link org.cdimail.tck.spi.DeploymentCustomizer}: adds your classes, extension or
 * configuration to every test deployment. Any number may be present.</li>
 * </ul>
 */
package org.cdimail.tck.spi;
