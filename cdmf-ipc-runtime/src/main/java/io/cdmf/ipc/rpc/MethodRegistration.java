package io.cdmf.ipc.rpc;

import java.util.concurrent.atomic.LongAdder;

import io.cdmf.ipc.stats.LatencyRecorder;
import org.jspecify.annotations.Nullable;

/**
 * A registered method: its handler (synchronous or asynchronous) and its counters.
 */
final class MethodRegistration {

	final String name;

	final @Nullable RequestHandler handler;

	final @Nullable AsyncRequestHandler asyncHandler;

	final LongAdder calls = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LatencyRecorder latency = new LatencyRecorder();

	MethodRegistration(String name, @Nullable RequestHandler handler, @Nullable AsyncRequestHandler asyncHandler) {
		this.name = name;
		this.handler = handler;
		this.asyncHandler = asyncHandler;
	}

	StubStats.MethodStats snapshot() {
		return new StubStats.MethodStats(this.calls.sum(), this.errors.sum(), this.latency.snapshot());
	}

	void reset() {
		this.calls.reset();
		this.errors.reset();
		this.latency.reset();
	}

}
