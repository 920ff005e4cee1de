package io.tracker.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Port helpers: a free ephemeral port for tests, and a clear error when a chosen port is taken. */
public final class Ports {
    /** The ports {@link #free()} gave out in this JVM. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /**
     * A port free now on the loopback interface, never one this JVM was given before: the socket that finds it is
     * closed at once, so the kernel may offer the same port to the next call, and a stack asking for three ports
     * would then start two servers on one of them (seen in CI: PostgreSQL and the Kafka controller both given 44591).
     */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("No free port on the loopback interface", e);
            }
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on the loopback interface that was not given out before");
    }

    public static void requireFree(int port, String what, String envVar) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortInUseException(what, port, envVar);
        }
    }
}
