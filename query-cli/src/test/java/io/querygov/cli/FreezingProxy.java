package io.querygov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a real PostgreSQL that freezes the way a server whose processes are stopped (SIGSTOP) does:
 * once a client sends the marker text (in a statement), nothing more is forwarded either way, and connections
 * opened after that are accepted by the kernel but never answered. Until then it forwards every byte, so everything
 * before the marker runs on the real server. No timing is involved: the catalog decides when the freeze comes.
 */
final class FreezingProxy implements AutoCloseable {
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");

    private final String host;
    private final int port;
    private final byte[] marker;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    private FreezingProxy(String host, int port, String marker) throws IOException {
        this.host = host;
        this.port = port;
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "freezing-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** A relay to the server of {@code jdbcUrl} that freezes when a client sends {@code marker}. */
    static FreezingProxy to(String jdbcUrl, String marker) throws IOException {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/ URL");
        }
        return new FreezingProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), marker);
    }

    /** {@code jdbcUrl} with its host and port replaced by this relay's. */
    String url(String jdbcUrl) {
        return HOST_PORT.matcher(jdbcUrl).replaceFirst("jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    boolean frozen() {
        return frozen;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (frozen) {
                    continue; // accepted, never answered: a stopped postmaster
                }
                Socket server = new Socket(host, port);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            int matched = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromClient) {
                        for (int i = 0; i < n && !frozen; i++) {
                            matched = buffer[i] == marker[matched] ? matched + 1 : buffer[i] == marker[0] ? 1 : 0;
                            if (matched == marker.length) {
                                frozen = true;
                            }
                        }
                    }
                    if (frozen) {
                        continue; // read and dropped: the other side hears nothing more
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed: the relay of this connection ends
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
