package org.cdimail.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port nothing listens on right now.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An offset that makes every one of {@code basePorts} free: WildFly's
     * {@code jboss.socket.binding.port-offset}.
     *
     * @param basePorts the ports the server binds without an offset
     * @return the offset
     */
    public static int freeOffset(int... basePorts) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1_000, 50_000);
            boolean allFree = true;
            for (int port : basePorts) {
                allFree &= isFree(port + offset);
            }
            if (allFree) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
