package io.kato.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The client's connection after a {@code 101 Switching Protocols}: bytes pass both ways,
 * unread, between the client's end point and a socket to the instance, until either side
 * closes. What a WebSocket (or any upgraded protocol) says is the instance's business.
 */
final class Tunnel extends AbstractConnection implements Connection.UpgradeTo {
    private final Socket upstream;
    private final byte[] early;
    private final ByteBuffer buffer = BufferUtil.allocate(16 * 1024);
    private volatile boolean closed;

    /**
     * @param early bytes the instance sent right after its 101, before the tunnel existed
     */
    Tunnel(EndPoint client, Executor executor, Socket upstream, byte[] early) {
        super(client, executor);
        this.upstream = upstream;
        this.early = early;
    }

    /** Bytes the client sent after its upgrade request, read by HTTP before the switch. */
    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        if (BufferUtil.hasContent(prefilled)) {
            try {
                write(prefilled);
            } catch (IOException e) {
                shut();
            }
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        // a WebSocket may stay quiet for long; the connector's 30 s idle timeout is for HTTP
        getEndPoint().setIdleTimeout(java.util.concurrent.TimeUnit.HOURS.toMillis(1));
        Thread pump = new Thread(this::pumpToClient, "kato-gateway-tunnel");
        pump.setDaemon(true);
        pump.start();
        fillInterested();
    }

    /** Client → instance: whatever the end point has, as it comes. */
    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int n = getEndPoint().fill(buffer);
                if (n > 0) {
                    write(buffer);
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    shut();
                    return;
                }
            }
        } catch (IOException e) {
            shut();
        }
    }

    private void write(ByteBuffer bytes) throws IOException {
        OutputStream out = upstream.getOutputStream();
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        out.flush();
        bytes.position(bytes.limit());
    }

    /** Instance → client, on a thread of its own: the socket is blocking. */
    private void pumpToClient() {
        try {
            if (early.length > 0) {
                send(ByteBuffer.wrap(early));
            }
            InputStream in = upstream.getInputStream();
            byte[] chunk = new byte[16 * 1024];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                send(ByteBuffer.wrap(chunk, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            // either side went away
        } finally {
            shut();
        }
    }

    private void send(ByteBuffer bytes) throws IOException {
        FutureCallback done = new FutureCallback();
        getEndPoint().write(done, bytes);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private void shut() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            upstream.close();
        } catch (IOException e) {
            // closing anyway
        }
        getEndPoint().close();
    }

    @Override
    public void onClose() {
        super.onClose();
        shut();
    }
}
