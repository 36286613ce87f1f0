package io.cdmf.ipc.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.cdmf.ipc.transport.EndpointUri;

/**
 * Cross-process calls over {@code tcp://} on loopback, servers on port 0.
 */
class TcpCrossProcessTests extends AbstractCrossProcessRpcTests {

	@Override
	String scheme() {
		return "tcp";
	}

	@Override
	protected String endpoint(String name) {
		return "tcp://127.0.0.1:0";
	}

	@Override
	protected boolean leavesSocketFile() {
		return false;
	}

	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) throws IOException {
		EndpointUri server = EndpointUri.parse(endpoint);
		try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(server.host(), server.port()))) {
			channel.write(ByteBuffer.wrap(garbage));
			// The server answers a bad prefix by closing: wait for that (or its error frame) before the next round.
			return channel.read(ByteBuffer.allocate(4096)) >= 0;
		}
	}

}
