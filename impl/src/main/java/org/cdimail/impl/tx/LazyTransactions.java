package org.cdimail.impl.tx;

import java.util.Optional;

import javax.naming.NoInitialContextException;

/**
 * Finds the container's transactions on first use and remembers them. The JTA API is touched only
 * after checking that it can be loaded: {@link JtaTransactions} is the one class that names it.
 */
final class LazyTransactions implements Transactions {

    private static final String JTA_API = "jakarta.transaction.TransactionSynchronizationRegistry";

    private volatile Transactions found;

    @Override
    public State state() {
        return current().state();
    }

    @Override
    public void onEnd(Completion completion) {
        current().onEnd(completion);
    }

    @Override
    public boolean possible() {
        return current().possible() || found == null;
    }

    private Transactions current() {
        Transactions known = found;
        if (known != null) {
            return known;
        }
        if (!jtaOnClassPath()) {
            found = NONE;
            return NONE;
        }
        try {
            Optional<Transactions> registry = JtaTransactions.lookUp();
            if (registry.isPresent()) {
                found = registry.get();
            }
            return registry.orElse(NONE);
        } catch (NoInitialContextException e) {
            found = NONE; // no JNDI at all (Weld SE): there will never be a registry
            return NONE;
        }
    }

    private static boolean jtaOnClassPath() {
        try {
            Class.forName(JTA_API, false, LazyTransactions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
