package dev.aiobridge.examples;

import dev.aiobridge.asyncio.AsyncIO;
import dev.aiobridge.coroutine.Awaiter;
import dev.aiobridge.coroutine.Coroutine;
import dev.aiobridge.streams.StreamPair;
import dev.aiobridge.streams.StreamReader;
import dev.aiobridge.streams.StreamWriter;
import dev.aiobridge.streams.Streams;
import dev.aiobridge.transport.Server;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line-based chat server on asyncio's streams: {@code startServer} runs one handler task per client;
 * a client's first line is its name, every later line is broadcast to the others, and leaving (closing
 * its side) is announced. Three clients join, talk and leave over loopback, from one coroutine.
 */
public final class ChatServer implements Example {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String summary() {
        return "a line-based chat server: startServer, one task per client, every line broadcast to the others";
    }

    @Override
    public String input() {
        return "three clients (ada, bob, cy) join a chat server over loopback TCP (127.0.0.1, port 0), "
                + "each says one line, then they leave in turn";
    }

    // tag::server[]
    /** The room: who is in it (in joining order), and the handler each client's connection gets. */
    static final class Room {
        private final Map<String, StreamWriter> members = new LinkedHashMap<>();
        private int relayed;

        Coroutine<Void> serve(StreamReader reader, StreamWriter writer) {
            return Coroutine.ofVoid(a -> {
                String name = text(a.await(reader.readline()));
                writer.write(line("welcome " + name + ": " + (members.size() + 1) + " here"));
                broadcast(a, name, "* " + name + " joined");
                members.put(name, writer);
                try {
                    byte[] said;
                    while ((said = a.await(reader.readline())).length > 0) {   // b"" when the client leaves
                        broadcast(a, name, "<" + name + "> " + text(said));
                        relayed++;
                    }
                } finally {
                    members.remove(name);
                    broadcast(a, name, "* " + name + " left");
                    writer.close();
                }
            });
        }

        /** {@code message} to everyone but {@code from}; then waits until each connection took it. */
        private void broadcast(Awaiter a, String from, String message) {
            List<StreamWriter> to = new ArrayList<>();
            members.forEach((name, w) -> {
                if (!name.equals(from) && !w.isClosing()) {
                    w.write(line(message));
                    to.add(w);
                }
            });
            for (StreamWriter w : to) {
                a.await(w.drain());
            }
        }
    }
    // end::server[]

    @Override
    public void run(PrintStream out) {
        AsyncIO.run(Coroutine.ofVoid("main", a -> {
            Room room = new Room();
            Server server = a.await(Streams.startServer(room::serve, "127.0.0.1", 0));
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            server.with(a, () -> {
                // tag::clients[]
                Map<String, StreamPair> clients = new LinkedHashMap<>();
                for (String name : List.of("ada", "bob", "cy")) {
                    StreamPair c = a.await(Streams.openConnection("127.0.0.1", port));
                    c.writer().write(line(name));
                    out.println("  " + name + " hears: " + text(a.await(c.reader().readline())));
                    hear(a, clients, out);                   // the others hear "* name joined"
                    clients.put(name, c);
                }
                Map<String, String> says = Map.of("ada", "hello everyone", "bob", "hi ada", "cy", "hey both");
                for (Map.Entry<String, StreamPair> c : clients.entrySet()) {
                    c.getValue().writer().write(line(says.get(c.getKey())));
                    hear(a, without(clients, c.getKey()), out);
                }
                for (String name : List.copyOf(clients.keySet())) {
                    StreamPair c = clients.remove(name);
                    c.writer().writeEof();                       // leaving: the server's readline gets b""
                    a.await(c.reader().read());                  // until the server closes this connection
                    c.writer().close();
                    a.await(c.writer().waitClosed());
                    hear(a, clients, out);                       // the others hear "* name left"
                }
                // end::clients[]
                return null;
            });
            out.println("  server: closed after relaying " + room.relayed + " lines; "
                    + room.members.size() + " still in the room");
        }));
    }

    /** Each of {@code clients}, in order, reads the one line it was sent and prints it. */
    private static void hear(Awaiter a, Map<String, StreamPair> clients, PrintStream out) {
        for (Map.Entry<String, StreamPair> c : clients.entrySet()) {
            out.println("  " + c.getKey() + " hears: " + text(a.await(c.getValue().reader().readline())));
        }
    }

    private static Map<String, StreamPair> without(Map<String, StreamPair> clients, String name) {
        Map<String, StreamPair> others = new LinkedHashMap<>(clients);
        others.remove(name);
        return others;
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).strip();
    }
}
