package io.cdmf.ipc.transport.stream;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.IoThreads;

/**
 * The event loops all client stream connections of the process share ({@link IoThreads#loopThreads()} of them,
 * started on first use, never stopped: daemon threads), handed out in turn.
 */
final class ClientLoops {

	private static volatile IoLoop[] loops;

	private static final AtomicInteger next = new AtomicInteger();

	private ClientLoops() {
	}

	static IoLoop next() {
		IoLoop[] current = loops;
		if (current == null) {
			current = start();
		}
		return current[Math.floorMod(next.getAndIncrement(), current.length)];
	}

	private static synchronized IoLoop[] start() {
		if (loops != null) {
			return loops;
		}
		int count = IoThreads.loopThreads();
		IoLoop[] started = new IoLoop[count];
		for (int i = 0; i < count; i++) {
			try {
				started[i] = new IoLoop("cdmf-client-io-" + (i + 1));
			}
			catch (IOException ex) {
				throw new IpcException(ErrorCode.INTERNAL, "cannot open a selector for the client I/O threads: "
						+ ex.getMessage(), ex);
			}
			started[i].start();
		}
		loops = started;
		return started;
	}

}
