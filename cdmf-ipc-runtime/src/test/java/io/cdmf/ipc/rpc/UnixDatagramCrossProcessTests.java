package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Cross-process calls over {@code unix+dgram://}.
 */
class UnixDatagramCrossProcessTests extends AbstractCrossProcessRpcTests {

	@Override
	String scheme() {
		return "unix+dgram";
	}

	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) throws Exception {
		Path socket = Path.of(endpoint.substring(endpoint.indexOf("://") + 3));
		try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
			channel.send(ByteBuffer.wrap(garbage), new UnixSocketAddress(socket.toFile()));
			return true;
		}
	}

}
