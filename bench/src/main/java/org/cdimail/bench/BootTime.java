package org.cdimail.bench;

import java.util.Map;

/**
 * The time a Weld SE container takes to start, with or without the cdi-mail extension; one
 * container per JVM, so that every run pays the class loading an application pays.
 *
 * <p>Arguments: with|without.
 */
public final class BootTime {

    private BootTime() {
    }

    public static void main(String[] args) {
        boolean withMail = args[0].equals("with");
        long start = System.nanoTime();
        try (Container container = Container.start(withMail, Map.of("mail.backend", "smtp"))) {
            container.ping();
            if (withMail) {
                container.mailer().alias(); // the mailer bean is created, its alias resolved
            }
            Results.print("boot." + args[0] + ".ms", (System.nanoTime() - start) / 1e6);
        }
    }
}
