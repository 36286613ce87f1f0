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

	/**
	 * Whether a run of this method overran the inline budget on a receiving thread: its calls go to the executor
	 * until {@value #SHORT_RUNS_TO_INLINE} runs in a row took less than the budget again. Written by the sweep and the handler
	 * threads; a lost update only delays the switch.
	 */
	volatile boolean blocking;

	/** Short runs on the executor since the method was last found {@link #blocking}. */
	volatile int shortRuns;

	/** Runs on the executor that must all be short before a blocking method runs inline again. */
	static final int SHORT_RUNS_TO_INLINE = 1_000;

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
