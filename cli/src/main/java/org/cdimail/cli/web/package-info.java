/**
 * The web view of {@code cdi-mail debug-server --web}: a single-page viewer of the received
 * messages and its JSON API, served on 127.0.0.1 by the JDK's {@code com.sun.net.httpserver}.
 * Internal to the command-line tool; not an API.
 *
 * <p>One class per job: {@link org.cdimail.cli.web.MessageStore} keeps the messages (bounded in
 * memory, or on disk), {@link org.cdimail.cli.web.MimeDecoder} decodes one into its headers and
 * parts, {@link org.cdimail.cli.web.MessageHtml} prepares its HTML for a sandboxed frame, and
 * {@link org.cdimail.cli.web.WebViewer} serves them through one handler per kind of resource:
 * {@link org.cdimail.cli.web.ApiHandler}, {@link org.cdimail.cli.web.HtmlFrameHandler},
 * {@link org.cdimail.cli.web.EventStream} and {@link org.cdimail.cli.web.StaticFiles}, behind
 * {@link org.cdimail.cli.web.RequestGuard}.
 *
 * <p>Mail is hostile content. Nothing from a message is ever run as script in the viewer's
 * origin: the page builds its DOM with {@code textContent}, and a message's HTML is served from
 * its own URL with {@code Content-Security-Policy: sandbox} into an {@code <iframe sandbox>}.
 */
package org.cdimail.cli.web;
