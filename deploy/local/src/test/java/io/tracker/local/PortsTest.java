package io.tracker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Free ports are never given out twice in one JVM (LocalStackTest checks the error for a taken one). */
class PortsTest {

    @Test
    void freePortsAreNeverGivenTwice() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = Ports.free();
            ports.add(port);
            // each is free: it can be bound
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, s.getLocalPort());
            }
        }
        assertEquals(300, ports.size(), "300 calls, 300 different ports");
    }
}
