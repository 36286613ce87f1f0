package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import org.jspecify.annotations.Nullable;

/**
 * {@link ServiceProxy#call} of the echo method over any transport ({@code unix://}, {@code tcp://}, {@code grpc://},
 * {@code shm://}), one call at a time, with the proxy's defaults (its {@code syncSpin} unless
 * {@code --sync-spin-micros} says otherwise) and one payload buffer reused for every call. {@link #caller()} gives
 * further callers that share the proxy, and so its connection.
 *
 * @since 0.1.0
 */
final class FrameworkSyncClient implements SyncClient, CallerGroup {

	/** Per-call timeout: generous, a benchmark call that takes this long has failed. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ServiceProxy proxy;

	private final ByteBuffer payload;

	private final int size;

	private final boolean owner;

	private FrameworkSyncClient(ServiceProxy proxy, ByteBuffer payload, int size, boolean owner) {
		this.proxy = proxy;
		this.payload = payload;
		this.size = size;
		this.owner = owner;
	}

	/**
	 * Connects a proxy to the echo server and makes one call, so that the connection is up before anything is
	 * measured.
	 * @param endpoint the server's endpoint URI
	 * @param size the payload size
	 * @param syncSpin how long a waiting caller spins before parking
	 * @return the client, owning the proxy
	 */
	static FrameworkSyncClient open(String endpoint, int size, Duration syncSpin) {
		return open(endpoint, FrameworkServer.SERVICE, size, syncSpin);
	}

	/**
	 * Connects a proxy to an echo server of a given service name and makes one call.
	 * @param endpoint the server's endpoint URI
	 * @param service the service name
	 * @param size the payload size
	 * @param syncSpin how long a waiting caller spins before parking, {@code null} for the proxy's default
	 * @return the client, owning the proxy
	 */
	static FrameworkSyncClient open(String endpoint, String service, int size, @Nullable Duration syncSpin) {
		return new FrameworkSyncClient(connect(endpoint, service, syncSpin), payload(size), size, true);
	}

	/**
	 * Connects a proxy to the echo server and makes one call.
	 * @param endpoint the server's endpoint URI
	 * @param syncSpin how long a waiting caller spins before parking
	 * @return the connected proxy
	 */
	static ServiceProxy connect(String endpoint, Duration syncSpin) {
		return connect(endpoint, FrameworkServer.SERVICE, syncSpin);
	}

	/**
	 * Connects a proxy to an echo server of a given service name and makes one call.
	 * @param endpoint the server's endpoint URI, or several comma-separated for a channel over them
	 * @param service the service name
	 * @param syncSpin how long a waiting caller spins before parking, {@code null} for the proxy's default
	 * @return the connected proxy
	 */
	static ServiceProxy connect(String endpoint, String service, @Nullable Duration syncSpin) {
		ServiceProxy proxy;
		if (endpoint.contains(",")) {
			// Several endpoints: a client channel over them with its defaults, as an application configures one.
			ChannelConfig.Builder channel = ChannelConfig.custom(service).endpoints(endpoint).defaultTimeout(TIMEOUT);
			if (syncSpin != null) {
				channel.syncSpin(syncSpin);
			}
			proxy = new ServiceProxy(BenchmarkObservation.observe(channel).build());
		}
		else {
			ProxyConfig.Builder builder = ProxyConfig.custom(endpoint).serviceName(service).defaultTimeout(TIMEOUT);
			if (syncSpin != null) {
				builder.syncSpin(syncSpin);
			}
			proxy = BenchmarkObservation.proxy(builder.build());
		}
		proxy.connect();
		CallResult first = proxy.call(FrameworkServer.METHOD, new byte[0], TIMEOUT);
		if (!first.isSuccess()) {
			proxy.close();
			throw new IpcException(first.errorCode(), "first call to " + endpoint + " failed: " + first.errorMessage());
		}
		return proxy;
	}

	/**
	 * Returns a payload of a given size with recognizable contents.
	 * @param size the size in bytes
	 * @return the bytes
	 */
	static byte[] payloadBytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	static ByteBuffer payload(int size) {
		// The proxy encodes the payload before call() returns and never moves its position: one buffer serves all.
		return ByteBuffer.wrap(payloadBytes(size)).asReadOnlyBuffer();
	}

	/**
	 * Returns another caller on the same proxy, with its own view of the payload; closing it leaves the proxy open.
	 * @return the caller
	 */
	@Override
	public FrameworkSyncClient caller() {
		return new FrameworkSyncClient(this.proxy, this.payload.duplicate(), this.size, false);
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
		if (this.owner) {
			this.proxy.close();
		}
	}

}
