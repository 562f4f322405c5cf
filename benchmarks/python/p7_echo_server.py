"""P7 anchor: an echo server on one asyncio (or uvloop) event loop, as MagicStack's vmbench writes it.
Usage: p7_echo_server.py asyncio|uvloop streams|protocol
Listens on 127.0.0.1, a free port, printed as "READY <port>"; runs until the process is killed.
streams: read(100 KiB), write, drain until EOF; protocol: data_received writes the data back.
Both set TCP_NODELAY (asyncio's transports do it already)."""
import asyncio
import socket
import sys

READ_SIZE = 100 * 1024


async def echo_streams(reader, writer):
    sock = writer.get_extra_info('socket')
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            data = await reader.read(READ_SIZE)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass  # the client closes its connections mid-echo when its window ends
    writer.close()


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        sock = transport.get_extra_info('socket')
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data):
        self.transport.write(data)


async def main(kind):
    loop = asyncio.get_running_loop()
    if kind == "streams":
        server = await asyncio.start_server(echo_streams, "127.0.0.1", 0)
    elif kind == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", 0)
    else:
        raise SystemExit("streams or protocol, not " + kind)
    print("READY", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


flavour = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
kind = sys.argv[2] if len(sys.argv) > 2 else "streams"
if flavour == "uvloop":
    import uvloop
    runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
else:
    runner = asyncio.Runner()
with runner:
    runner.run(main(kind))
