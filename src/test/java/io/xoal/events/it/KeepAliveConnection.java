package io.xoal.events.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection on a raw socket, reused for request after request (keep-alive) until
 * the server closes it. Unlike a pooled client, it tells a test exactly what happened to a request:
 * whether the connection was new, whether the request's bytes were all written, and whether any
 * byte of a reply came back.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int served;
    private boolean closeRequested;

    private KeepAliveConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects, or throws {@link java.net.ConnectException} when the port refuses. */
    static KeepAliveConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(15_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        return new KeepAliveConnection(socket);
    }

    /** How many replies this connection carried so far. */
    int served() {
        return served;
    }

    /** Writes the request head and the first {@code firstPart} bytes of the body, without reading. */
    void writePart(String method, String path, String authorization, byte[] body, int firstPart) throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, firstPart);
        out.flush();
    }

    /** Writes the rest of a body begun with {@link #writePart}. */
    void writeRest(byte[] body, int from) throws IOException {
        out.write(body, from, body.length - from);
        out.flush();
    }

    /** Sends one request and reads its reply. */
    Reply send(String method, String path, String authorization, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writePart(method, path, authorization, bytes, bytes.length);
        return read();
    }

    /**
     * Reads one reply. An {@link IOException} here means the request was written and no complete
     * reply came back; {@link Reply} then was never produced.
     */
    Reply read() throws IOException {
        String status = line();
        if (status == null) {
            throw new EOFException("the connection closed before any byte of a reply");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        String contentType = "";
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> closeRequested |= value.equalsIgnoreCase("close");
                case "content-type" -> contentType = value;
                default -> { }
            }
        }
        String body = chunked ? chunks() : new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8);
        served++;
        return new Reply(code, contentType, body, closeRequested);
    }

    private String chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new EOFException("the connection closed in the middle of a reply");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A complete reply. */
    record Reply(int status, String contentType, String body, boolean connectionClose) {
    }
}
