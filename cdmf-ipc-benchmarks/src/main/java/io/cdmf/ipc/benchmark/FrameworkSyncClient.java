package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * {@link ServiceProxy#call} one call at a time, with the proxy's defaults (its {@code syncSpin} unless
 * {@code --sync-spin-micros} says otherwise) and one payload buffer reused for every call.
 *
 * @since 0.1.0
 */
final class FrameworkSyncClient implements SyncClient {

	/** Per-call timeout: generous, a benchmark call that takes this long has failed. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ServiceProxy proxy;

	private final ByteBuffer payload;

	private final int size;

	FrameworkSyncClient(Path socket, int size, Duration syncSpin) {
		this.proxy = open(socket, syncSpin);
		this.payload = payload(size);
		this.size = size;
	}

	static ServiceProxy open(Path socket, Duration syncSpin) {
		ProxyConfig config = ProxyConfig.custom(FrameworkServer.endpoint(socket))
			.serviceName(FrameworkServer.SERVICE)
			.defaultTimeout(TIMEOUT)
			.syncSpin(syncSpin)
			.build();
		ServiceProxy proxy = new ServiceProxy(config);
		proxy.connect();
		// connect() returns before the I/O loop has registered the channel. A sender that fills the socket in that
		// gap asks for OP_WRITE on a key that is still null, and the connection never writes again (seen with
		// callAsync straight after connect). One round trip first guarantees the registration is done.
		CallResult first = proxy.call(FrameworkServer.METHOD, new byte[0], TIMEOUT);
		if (!first.isSuccess()) {
			proxy.close();
			throw new IpcException(first.errorCode(), "first call to " + FrameworkServer.endpoint(socket)
					+ " failed: " + first.errorMessage());
		}
		return proxy;
	}

	static ByteBuffer payload(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) i;
		}
		// The proxy encodes the payload before call() returns and never moves its position: one buffer serves all.
		return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		CallResult result = this.proxy.call(FrameworkServer.METHOD, this.payload, CallOptions.DEFAULTS);
		if (!result.isSuccess()) {
			throw new IOException("call failed: " + result);
		}
		if (verify && result.dataBuffer().remaining() != this.size) {
			throw new IOException("echo of " + result.dataBuffer().remaining() + " bytes, expected " + this.size);
		}
	}

	@Override
	public void close() {
		this.proxy.close();
	}

}
