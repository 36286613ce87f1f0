package io.cdmf.ipc.observation;

import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;

/**
 * A fresh endpoint per transport for the tracing contracts (socket files and shared-memory names unique to the run,
 * network ports 0), removed by {@link #close()}.
 */
final class TracedEndpoints implements AutoCloseable {

	private final TestEndpoints sockets = new TestEndpoints();

	private final ShmTestDirectory shm = new ShmTestDirectory();

	String endpoint(String scheme) {
		return switch (scheme) {
			case "unix", "unix+dgram" -> this.sockets.endpoint(scheme, "traced");
			case "inproc" -> "inproc://traced-"
					+ Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
			case "shm" -> this.shm.endpoint("traced");
			case "shm+journal" -> this.shm.endpoint("traced").replace("shm://", "shm+journal://");
			default -> scheme + "://127.0.0.1:0";
		};
	}

	@Override
	public void close() {
		this.sockets.close();
		this.shm.close();
	}

}
