package org.cdimail.impl;

import java.util.List;

/** The names of the built-in backends. */
final class BuiltinBackends {

    static final String SMTP = "smtp";
    static final String CONSOLE = "console";
    static final String FILE = "file";
    static final String LOCMEM = "locmem";
    static final String DUMMY = "dummy";

    /** Every built-in name, in documentation order. */
    static final List<String> NAMES = List.of(SMTP, CONSOLE, FILE, LOCMEM, DUMMY);

    private BuiltinBackends() {
    }

    static boolean isBuiltin(String name) {
        return NAMES.contains(name);
    }
}
