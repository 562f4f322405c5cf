package dev.aiobridge.benchmarks.echo;

import io.netty.channel.ChannelOption;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * P7's reactor-netty anchor: a {@code TcpServer} whose handler sends back what it receives
 * ({@code out.send(in.receive().retain())}), on loop resources of one NIO thread that accepts and serves
 * (no native transport). Listens on 127.0.0.1, a free port, printed as {@code READY <port>}; runs until
 * the process is killed.
 */
public final class ReactorNettyEchoServer {
    private ReactorNettyEchoServer() {
    }

    public static void main(String[] args) {
        LoopResources loop = LoopResources.create("p7-echo", 1, true);
        DisposableServer server = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loop, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .handle((in, out) -> out.send(in.receive().retain()))
                .bindNow();
        System.out.println("READY " + server.port());
        System.out.flush();
        server.onDispose().block();
    }
}
