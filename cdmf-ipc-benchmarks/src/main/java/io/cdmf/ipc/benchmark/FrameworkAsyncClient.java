package io.cdmf.ipc.benchmark;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * {@link ServiceProxy#callAsync} with a completion stage per call, the way an application would use it. Only
 * success is checked per call (the synchronous warm-up checks lengths), so the check allocates nothing.
 *
 * @since 0.1.0
 */
final class FrameworkAsyncClient implements AsyncClient {

	private final ServiceProxy proxy;

	private final ByteBuffer payload;

	private final AsyncClient.Completion completion;

	FrameworkAsyncClient(Path socket, int size, AsyncClient.Completion completion) {
		this.proxy = FrameworkSyncClient.connect(FrameworkServer.endpoint(socket), ProxyConfig.DEFAULT_SYNC_SPIN);
		this.payload = FrameworkSyncClient.payload(size);
		this.completion = completion;
	}

	@Override
	public void submit(long startNanos) {
		this.proxy.callAsync(FrameworkServer.METHOD, this.payload, CallOptions.DEFAULTS)
			.whenComplete((result, failure) -> this.completion.done(startNanos, (failure != null) ? failure.toString()
					: (result.isSuccess() ? null : result.errorCode() + ": " + result.errorMessage())));
	}

	@Override
	public void close() {
		this.proxy.close();
	}

}
