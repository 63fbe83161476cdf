package org.cdimail.tck;

/**
 * The JUnit tags of the TCK, for surefire's {@code <groups>} and {@code <excludedGroups>}.
 * Every test carries one contract tag and one backend tag.
 */
public final class Groups {

    /** The shared backend contract, run once per backend. */
    public static final String BACKEND = "backend";
    /** The {@code smtp} backend: its contract run and its own tests. */
    public static final String SMTP = "smtp";
    /** The {@code console} backend. */
    public static final String CONSOLE = "console";
    /** The {@code file} backend. */
    public static final String FILE = "file";
    /** The {@code locmem} backend and its outbox. */
    public static final String LOCMEM = "locmem";
    /** The {@code dummy} backend. */
    public static final String DUMMY = "dummy";
    /**
     * The backend of the porting package's {@link org.cdimail.tck.spi.MailboxInspector}: what a
     * backend writer runs. Its classes fail when the porting package provides no inspector:
     * a run that tests no provided backend excludes the group.
     */
    public static final String PROVIDED = "provided";
    /** The {@link org.cdimail.Mailer} facade: send mail, mass mail, admins, managers. */
    public static final String MAILER = "mailer";
    /** Injection: qualifiers, aliases, alias isolation, custom backends. */
    public static final String INJECT = "inject";
    /** Rendering and header injection, as a backend delivers them. */
    public static final String MESSAGE = "message";
    /** Deployments that must fail. */
    public static final String BROKEN = "broken";
    /**
     * CDI events of sending ({@link org.cdimail.event.BeforeSend}, {@link org.cdimail.event.AfterSend},
     * {@link org.cdimail.event.SendFailed}), synchronous and asynchronous, run once per backend.
     */
    public static final String EVENTS = "events";
    /** Recipient governance ({@code redirect-to}, {@code allowed-recipients}), run once per backend. */
    public static final String GOVERNANCE = "governance";
    /** Sending in the background ({@link org.cdimail.AsyncMailer}), run once per backend. */
    public static final String ASYNC = "async";

    private Groups() {
    }
}
