package org.cdimail.cli;

import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Prints cdi-mail's own warnings (a misspelt configuration key, a weakened TLS check) as one line
 * each on the command's standard error, {@code cdi-mail: warning: CDIMAIL-nnnnn: …}, instead of
 * java.util.logging's two-line format. Reads {@code System.err} at each record, so a redirected
 * stream is honoured.
 */
final class WarningPrinter extends Handler {

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one would lose its handler. */
    private static final Logger CDI_MAIL = Logger.getLogger("org.cdimail");

    /** Routes the {@code org.cdimail} loggers' warnings here, once per JVM. */
    static synchronized void install() {
        Logger cdiMail = CDI_MAIL;
        for (Handler handler : cdiMail.getHandlers()) {
            if (handler instanceof WarningPrinter) {
                return;
            }
        }
        cdiMail.setUseParentHandlers(false);
        WarningPrinter printer = new WarningPrinter();
        printer.setLevel(Level.WARNING);
        cdiMail.addHandler(printer);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length > 0) {
            message = MessageFormat.format(message, parameters);
        }
        String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
        System.err.println("cdi-mail: " + level + ": " + Errors.redact(message));
        System.err.flush();
    }

    @Override
    public void flush() {
        System.err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
