/**
 * The {@code cdi-mail} command: Django's {@code sendtestemail}, grown up. Internal to the
 * command-line tool; not an API.
 *
 * <p>{@link org.cdimail.cli.CdiMail} is the entry point. Each subcommand uses the library exactly
 * as an application does: a Weld SE container started by {@link org.cdimail.cli.MailRuntime}
 * with configuration from {@link org.cdimail.cli.CliConfig}, and the injected
 * {@link org.cdimail.Mailer}.
 */
package org.cdimail.cli;
