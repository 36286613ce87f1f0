package io.cdmf.ipc.hardening.flood;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import io.cdmf.ipc.transport.EndpointUri;

/**
 * Floods a {@code tcp://} server in another JVM, on loopback.
 */
class TcpFloodTests extends AbstractStreamFloodTests {

	@Override
	String serverEndpoint() {
		return "tcp://127.0.0.1:0";
	}

	@Override
	SocketChannel connect(String endpoint) throws IOException {
		EndpointUri server = EndpointUri.parse(endpoint);
		return SocketChannel.open(new InetSocketAddress(server.host(), server.port()));
	}

}
