package io.cdmf.ipc.hardening.flood;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Floods a {@code unix://} server in another JVM.
 */
class UnixSocketFloodTests extends AbstractStreamFloodTests {

	@Override
	String serverEndpoint() {
		return this.endpoints.endpoint("unix", "flood");
	}

	@Override
	SocketChannel connect(String endpoint) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		channel.connect(UnixDomainSocketAddress.of(Path.of(endpoint.substring("unix://".length()))));
		return channel;
	}

}
