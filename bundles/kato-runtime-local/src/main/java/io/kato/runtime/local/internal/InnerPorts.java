package io.kato.runtime.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's stand-in for a cluster's Services: each inner port of a component
 * gets a loopback port of its own, kept in a file so that it stays the same across
 * Kato's restarts, where other components reach it (its dependents are given it at their
 * start). While the component runs, Kato listens there and passes each connection on to one
 * of its ready instances, in turn; with none ready, a connection is closed at once.
 */
final class InnerPorts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InnerPorts.class);
    private final Path file;
    private final Properties assigned = new Properties();
    private final Map<String, Listener> listening = new ConcurrentHashMap<>();
    private final Function<String, List<String>> ready;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kato-inner-port");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param file  where the assigned ports are kept
     * @param ready a component's ready instances ({@code host:port}), by component id
     */
    InnerPorts(Path file, Function<String, List<String>> ready) {
        this.file = file;
        this.ready = ready;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                assigned.load(in);
            } catch (IOException e) {
                LOG.warn("Inner ports in {} are unreadable ({}): they are assigned anew", file, e.getMessage());
            }
        }
    }

    private static String key(String componentId, int port) {
        return componentId + "." + port;
    }

    /** The loopback port standing for the component's port, assigned (and kept) on the first call. */
    synchronized int port(String componentId, int port) {
        String key = key(componentId, port);
        String known = assigned.getProperty(key);
        if (known != null) {
            return Integer.parseInt(known);
        }
        int free = freePort();
        assigned.setProperty(key, Integer.toString(free));
        save();
        return free;
    }

    /** Listens on the component's inner ports (those not listened on yet). */
    synchronized void open(String componentId, List<Integer> ports) {
        for (int p : ports) {
            String key = key(componentId, p);
            if (!listening.containsKey(key)) {
                int local = port(componentId, p);
                try {
                    listening.put(key, new Listener(componentId, local));
                } catch (IOException e) {
                    LOG.warn("Cannot listen on 127.0.0.1:{} for inner port {} of component {} ({}): its dependents"
                            + " cannot reach it there", local, p, componentId, e.getMessage());
                }
            }
        }
    }

    /** Stops listening for the component; its ports stay assigned for its next start. */
    synchronized void close(String componentId) {
        listening.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(componentId + ".")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** The component is gone: its ports are free again. */
    synchronized void forget(String componentId) {
        close(componentId);
        assigned.keySet().removeIf(k -> ((String) k).startsWith(componentId + "."));
        save();
    }

    @Override
    public synchronized void close() {
        listening.values().forEach(Listener::close);
        listening.clear();
        pumps.shutdownNow();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(next)) {
                assigned.store(out, "Loopback ports standing for components' inner ports");
            }
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the inner ports in " + file, e);
        }
    }

    /** A port no one listens on now; the assigned ones are skipped even when their listener is closed. */
    private int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (!assigned.containsValue(Integer.toString(p))) {
                    return p;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free loopback port for an inner port", e);
            }
        }
        throw new IllegalStateException("No free loopback port for an inner port");
    }

    /** Accepts connections on one loopback port and passes each on to a ready instance. */
    private final class Listener {
        private final ServerSocket server;
        private final String componentId;
        private final AtomicInteger next = new AtomicInteger();

        Listener(String componentId, int port) throws IOException {
            this.componentId = componentId;
            server = new ServerSocket();
            try {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                pumps.execute(this::accept);
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                quietly(server);
                throw e instanceof IOException io ? io : new IOException("the runtime is stopping", e);
            }
        }

        private void accept() {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                try {
                    pumps.execute(() -> pass(client));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    quietly(client);
                    quietly(server);
                    return;
                }
            }
        }

        private void pass(Socket client) {
            List<String> up = ready.apply(componentId);
            if (up.isEmpty()) {
                quietly(client);
                return;
            }
            String target = up.get(Math.floorMod(next.getAndIncrement(), up.size()));
            int colon = target.lastIndexOf(':');
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(target.substring(0, colon),
                        Integer.parseInt(target.substring(colon + 1))), 5000);
            } catch (IOException e) {
                quietly(client);
                quietly(upstream);
                return;
            }
            AtomicInteger open = new AtomicInteger(2);
            Runnable ended = () -> {
                if (open.decrementAndGet() == 0) {
                    quietly(client);
                    quietly(upstream);
                }
            };
            pumps.execute(() -> pump(upstream, client, ended));
            pump(client, upstream, ended);
        }

        /**
         * Copies one direction until it ends, then half-closes the other side so that its peer
         * sees the end; the sockets close once both directions ended, or at once on an error.
         */
        private void pump(Socket from, Socket to, Runnable ended) {
            try {
                InputStream in = from.getInputStream(); // not closed here: that would close the socket
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                quietly(from);
                quietly(to);
            } finally {
                ended.run();
            }
        }

        void close() {
            quietly(server);
        }
    }

    private static void quietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
