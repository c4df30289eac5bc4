package org.linuxfpsync.fpc.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.linuxfpsync.fpc.codec.FpcCodecs;
import org.linuxfpsync.fpc.codec.FpcFormatException;
import org.linuxfpsync.fpc.codec.FpcHello;
import org.linuxfpsync.fpc.codec.FrameAssembler;
import org.linuxfpsync.fpc.codec.FrameReader;
import org.linuxfpsync.fpc.codec.FrameWriter;

/** A minimal FPM driven step by step by a test, over a Unix socket. */
final class ScriptedFpm implements AutoCloseable {
    private final Path path;
    private final ServerSocketChannel server;
    private final FrameAssembler assembler = new FrameAssembler();
    private final FrameReader reader = new FrameReader();
    private final FrameWriter writer = new FrameWriter();
    private SocketChannel conn;

    ScriptedFpm(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
    }

    String endpoint() {
        return "unix:" + path;
    }

    /** Accepts the client and returns its HELLO, without answering. */
    FpcHello accept() throws IOException, FpcFormatException {
        conn = server.accept();
        assembler.reset();
        FrameReader hello = readFrame();
        return FpcCodecs.parseHello(hello);
    }

    void greet(long features, long epoch) throws IOException {
        send(FpcCodecs.helloFrame(writer, 0, FpcHello.server("scripted-fpm", features, epoch)));
    }

    void send(ByteBuffer frame) throws IOException {
        while (frame.hasRemaining()) {
            conn.write(frame);
        }
    }

    FrameWriter writer() {
        return writer;
    }

    /** Blocks until a whole frame arrived; valid until the next call. */
    FrameReader readFrame() throws IOException, FpcFormatException {
        while (!assembler.next(reader)) {
            if (assembler.readFrom(conn) < 0) {
                throw new EOFException("client closed");
            }
        }
        return reader;
    }

    void dropConnection() throws IOException {
        conn.close();
    }

    @Override
    public void close() throws IOException {
        if (conn != null) {
            conn.close();
        }
        server.close();
        Files.deleteIfExists(path);
    }
}
