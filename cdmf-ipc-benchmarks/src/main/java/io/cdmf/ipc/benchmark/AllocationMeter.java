package io.cdmf.ipc.benchmark;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts heap bytes allocated by the client side of a measurement, through
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 * <p>
 * Two figures: the calling thread alone, and every live Java thread of the benchmark JVM (the caller, the proxy's
 * I/O thread and scheduler, the raw pipelined reader). A thread that ends during the measurement is not counted;
 * none of the benchmark's threads do. GC and JIT compiler threads are not Java heap allocators and are not seen.
 *
 * @since 0.1.0
 */
final class AllocationMeter {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final long callerBefore;

	private final Map<Long, Long> before;

	private AllocationMeter() {
		this.callerBefore = threads.getCurrentThreadAllocatedBytes();
		this.before = snapshot();
	}

	/**
	 * Starts counting on the calling thread.
	 * @return the meter
	 */
	static AllocationMeter start() {
		threads.setThreadAllocatedMemoryEnabled(true);
		return new AllocationMeter();
	}

	/**
	 * Returns the bytes allocated since {@link #start()}.
	 * @return caller and process bytes
	 */
	Allocated stop() {
		long caller = threads.getCurrentThreadAllocatedBytes() - this.callerBefore;
		long all = 0;
		for (Map.Entry<Long, Long> entry : snapshot().entrySet()) {
			all += entry.getValue() - this.before.getOrDefault(entry.getKey(), 0L);
		}
		return new Allocated(caller, all);
	}

	private static Map<Long, Long> snapshot() {
		long[] ids = threads.getAllThreadIds();
		long[] bytes = threads.getThreadAllocatedBytes(ids);
		Map<Long, Long> result = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				result.put(ids[i], bytes[i]);
			}
		}
		return result;
	}

	/**
	 * Bytes allocated during a measurement.
	 *
	 * @param caller by the calling thread
	 * @param process by every live Java thread of the JVM, the caller included
	 */
	record Allocated(long caller, long process) {

	}

}
