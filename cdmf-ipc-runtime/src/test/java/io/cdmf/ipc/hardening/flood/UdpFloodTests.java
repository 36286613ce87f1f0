package io.cdmf.ipc.hardening.flood;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.udp.UdpTransport;

/**
 * Floods a {@code udp://} server in another JVM, on loopback, each round from a new port.
 */
class UdpFloodTests extends AbstractDatagramFloodTests {

	@Override
	String serverEndpoint() {
		return "udp://127.0.0.1:0";
	}

	@Override
	int maxDatagramSize() {
		return UdpTransport.DEFAULT_MAX_DATAGRAM_SIZE;
	}

	@Override
	int largestDatagram() {
		// The largest UDP payload over IPv4: the server's limit is the same, so this one must pass the size check.
		return UdpTransport.DEFAULT_MAX_DATAGRAM_SIZE;
	}

	@Override
	void send(String endpoint, List<byte[]> datagrams, boolean bound) throws IOException {
		EndpointUri server = EndpointUri.parse(endpoint);
		InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
		try (DatagramChannel channel = DatagramChannel.open()) {
			for (byte[] datagram : datagrams) {
				channel.send(ByteBuffer.wrap(datagram), address);
			}
		}
	}

}
