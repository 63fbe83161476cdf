package org.cdimail.it.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.cdimail.it.server.Directories;
import org.cdimail.it.server.Ports;
import org.cdimail.it.server.WildFlyServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the WildFly that Arquillian's managed adapter starts for the TCK run (see
 * {@code arquillian.xml}): a fresh copy of {@code standalone/} and a free port offset, handed over
 * as system properties before Arquillian reads its configuration. Does nothing unless
 * {@code tck.wildfly.work} is set, so the deployment tests are not affected.
 */
public final class FreshWildFlyForTheTck implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String work = System.getProperty("tck.wildfly.work");
        if (work == null) {
            return;
        }
        try {
            Path baseDir = Directories.recreate(Path.of(work)).resolve("standalone");
            WildFlyServer.copyStandalone(Path.of(System.getProperty("wildfly.home")), baseDir);
            int offset = Ports.freeOffset(WildFlyServer.BOUND_PORTS);
            System.setProperty("tck.wildfly.base.dir", baseDir.toString());
            System.setProperty("tck.wildfly.port.offset", Integer.toString(offset));
            System.setProperty("tck.wildfly.management.port", Integer.toString(9990 + offset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
