package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * The framework's shared-memory client: {@link ServiceProxy#call} of {@value ShmServers#ECHO} over {@code shm://}
 * one call at a time, and {@link ServiceProxy#callOneWay} of {@value ShmServers#ONE_WAY} over {@code shm://} or
 * {@code shm+journal://}, with the proxy's defaults and one payload buffer reused for every call.
 *
 * @since 0.1.0
 */
final class FrameworkShmClient implements SyncClient, OneWayClient {

	private final ServiceProxy proxy;

	private final ByteBuffer stamped;

	private final ByteBuffer payload;

	private final int size;

	FrameworkShmClient(String endpoint, int size, Duration syncSpin) {
		ProxyConfig config = ProxyConfig.custom(endpoint)
			.serviceName(ShmCaseFiles.NAME)
			.defaultTimeout(FrameworkSyncClient.TIMEOUT)
			.syncSpin(syncSpin)
			.build();
		this.proxy = BenchmarkObservation.proxy(config);
		this.proxy.connect();
		this.stamped = ByteBuffer.wrap(FrameworkSyncClient.payloadBytes(size));
		// The proxy encodes the payload before it returns and never moves its position: one view serves every call.
		this.payload = this.stamped.asReadOnlyBuffer();
		this.size = size;
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		CallResult result = this.proxy.call(ShmServers.ECHO, this.payload, CallOptions.DEFAULTS);
		if (!result.isSuccess()) {
			throw new IOException("call failed: " + result);
		}
		if (verify && result.dataBuffer().remaining() != this.size) {
			throw new IOException("echo of " + result.dataBuffer().remaining() + " bytes, expected " + this.size);
		}
	}

	@Override
	public void send(long stampNanos) throws IOException {
		if (this.size >= Long.BYTES) {
			this.stamped.putLong(0, stampNanos);
		}
		CallResult result = this.proxy.sendOneWay(ShmServers.ONE_WAY, this.payload, CallOptions.DEFAULTS);
		if (!result.isSuccess()) {
			throw new IOException("one-way send failed: " + result.errorCode() + ": " + result.errorMessage());
		}
	}

	@Override
	public void close() {
		this.proxy.close();
	}

}
