package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * {@link ServiceProxy#call} over a network endpoint ({@code grpc://}, {@code tcp://}), one call at a time per
 * caller; {@link #caller()} gives further callers that share the proxy, and so its connection.
 *
 * @since 0.1.0
 */
final class NetworkFrameworkClient implements SyncClient {

	private final ServiceProxy proxy;

	private final ByteBuffer payload;

	private final int size;

	private final boolean owner;

	private NetworkFrameworkClient(ServiceProxy proxy, ByteBuffer payload, int size, boolean owner) {
		this.proxy = proxy;
		this.payload = payload;
		this.size = size;
		this.owner = owner;
	}

	/**
	 * Connects a proxy and makes one call, so that the connection is up before anything is measured.
	 * @param endpoint the server's endpoint URI
	 * @param size the payload size
	 * @param syncSpin how long a waiting caller spins before parking
	 * @return the client, owning the proxy
	 */
	static NetworkFrameworkClient open(String endpoint, int size, Duration syncSpin) {
		ProxyConfig config = ProxyConfig.custom(endpoint)
			.serviceName(FrameworkServer.SERVICE)
			.defaultTimeout(FrameworkSyncClient.TIMEOUT)
			.syncSpin(syncSpin)
			.build();
		ServiceProxy proxy = new ServiceProxy(config);
		proxy.connect();
		CallResult first = proxy.call(FrameworkServer.METHOD, new byte[0], FrameworkSyncClient.TIMEOUT);
		if (!first.isSuccess()) {
			proxy.close();
			throw new IpcException(first.errorCode(),
					"first call to " + endpoint + " failed: " + first.errorMessage());
		}
		return new NetworkFrameworkClient(proxy, FrameworkSyncClient.payload(size), size, true);
	}

	/**
	 * Returns another caller on the same proxy, with its own view of the payload; closing it leaves the proxy open.
	 * @return the caller
	 */
	NetworkFrameworkClient caller() {
		return new NetworkFrameworkClient(this.proxy, this.payload.duplicate(), this.size, false);
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
