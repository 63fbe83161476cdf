package org.cdimail.example.shop;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The shop's command line: signs up each address given, as the README's plain Weld SE section
 * starts the container. A sign-up that fails is mailed to the admins.
 */
public final class Shop {

    private Shop() {
    }

    /**
     * Signs up every address.
     *
     * @param args the customers' addresses
     */
    public static void main(String[] args) {
        try (WeldContainer container = new Weld().initialize()) {
            Signup signup = container.select(Signup.class).get();
            ErrorReporter errors = container.select(ErrorReporter.class).get();
            for (String email : args) {
                try {
                    signup.register(email);
                    System.out.println("welcome mail sent to " + email);
                } catch (RuntimeException e) {
                    System.out.println("sign-up failed: " + e.getMessage());
                    errors.report("sign-up", e);
                }
            }
        }
    }
}
