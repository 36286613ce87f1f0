package io.cdmf.ipc.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Cross-process calls over {@code unix://}.
 */
class UnixSocketCrossProcessTests extends AbstractCrossProcessRpcTests {

	@Override
	String scheme() {
		return "unix";
	}

	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) throws IOException {
		Path socket = Path.of(endpoint.substring(endpoint.indexOf("://") + 3));
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			channel.write(ByteBuffer.wrap(garbage));
			// The server answers a bad prefix by closing: wait for that (or its error frame) before the next round.
			ByteBuffer answer = ByteBuffer.allocate(4096);
			return channel.read(answer) >= 0;
		}
	}

}
