package org.cdimail.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A GreenMail SMTP server on 127.0.0.1 and a free port, started for each test. */
final class SmtpServerExtension implements BeforeEachCallback, AfterEachCallback {

    private GreenMail greenMail;

    @Override
    public void beforeEach(ExtensionContext context) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        greenMail.stop();
    }

    GreenMail server() {
        return greenMail;
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * A command line followed by the settings that point every alias at this server.
     *
     * @param args the command and its options
     * @return the command line
     */
    String[] with(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--set";
        all[args.length + 1] = "mail.host=127.0.0.1";
        all[args.length + 2] = "--set";
        all[args.length + 3] = "mail.port=" + port();
        return all;
    }
}
