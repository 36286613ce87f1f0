package io.cdmf.ipc.rpc;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one scheduler thread shared by all proxies and stubs: deadline sweeps and retry back-off waits. Its tasks are
 * short and never block.
 */
final class RpcScheduler {

	static final ScheduledExecutorService INSTANCE = create();

	private RpcScheduler() {
	}

	private static ScheduledExecutorService create() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "cdmf-rpc-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}
