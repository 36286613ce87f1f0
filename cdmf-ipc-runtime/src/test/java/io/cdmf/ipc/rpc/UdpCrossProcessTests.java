package io.cdmf.ipc.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.cdmf.ipc.transport.EndpointUri;

/**
 * Cross-process calls over {@code udp://} on loopback, servers on port 0.
 */
class UdpCrossProcessTests extends AbstractCrossProcessRpcTests {

	@Override
	String scheme() {
		return "udp";
	}

	@Override
	protected String endpoint(String name) {
		return "udp://127.0.0.1:0";
	}

	@Override
	protected boolean leavesSocketFile() {
		return false;
	}

	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) throws IOException {
		EndpointUri server = EndpointUri.parse(endpoint);
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.send(ByteBuffer.wrap(garbage), new InetSocketAddress(server.host(), server.port()));
			return true;
		}
	}

}
