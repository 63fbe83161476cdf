package org.cdimail.impl.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger writes while open ({@code System.Logger} goes to java.util.logging
 * in the tests), formatted; detached on {@link #close()}.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level before;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
    }

    /** Captures every record of the logger named after {@code type}, at every level. */
    public static CapturedLog of(Class<?> type) {
        CapturedLog log = new CapturedLog(Logger.getLogger(type.getName()));
        log.setLevel(Level.ALL);
        log.logger.setLevel(Level.ALL);
        log.logger.addHandler(log);
        return log;
    }

    /** Every message so far, as "LEVEL message". */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
