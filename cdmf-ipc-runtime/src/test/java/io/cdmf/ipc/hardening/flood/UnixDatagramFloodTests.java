package io.cdmf.ipc.hardening.flood;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.cdmf.ipc.transport.unix.UnixDatagramTransport;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Floods a {@code unix+dgram://} server in another JVM, from unbound sockets and from sockets bound to their own
 * path (which the server answers).
 */
class UnixDatagramFloodTests extends AbstractDatagramFloodTests {

	@Override
	String serverEndpoint() {
		return this.endpoints.endpoint("unix+dgram", "flood");
	}

	@Override
	int maxDatagramSize() {
		return UnixDatagramTransport.DEFAULT_MAX_DATAGRAM_SIZE;
	}

	@Override
	int largestDatagram() {
		return UnixDatagramTransport.DEFAULT_MAX_DATAGRAM_SIZE + 4096;
	}

	@Override
	void send(String endpoint, List<byte[]> datagrams, boolean bound) throws IOException {
		UnixSocketAddress server = new UnixSocketAddress(
				Path.of(endpoint.substring("unix+dgram://".length())).toFile());
		Path own = bound ? this.endpoints.path("sender") : null;
		try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
			if (own != null) {
				channel.bind(new UnixSocketAddress(own.toFile()));
			}
			for (byte[] datagram : datagrams) {
				channel.send(ByteBuffer.wrap(datagram), server);
			}
		}
		finally {
			if (own != null) {
				Files.deleteIfExists(own);
			}
		}
	}

}
