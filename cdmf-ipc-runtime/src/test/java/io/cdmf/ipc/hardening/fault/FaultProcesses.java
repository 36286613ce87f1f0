package io.cdmf.ipc.hardening.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;

/**
 * What a fault test forks and where its processes meet: unique endpoints per transport scheme, and the second JVMs,
 * all cleaned up by {@link #close} (a stopped process is continued first, as it ignores SIGTERM until it runs).
 */
final class FaultProcesses implements AutoCloseable {

	private final TestEndpoints sockets = new TestEndpoints();

	private final ShmTestDirectory shm = new ShmTestDirectory();

	private final List<ForkedJvm> jvms = new ArrayList<>();

	/**
	 * Returns a unique endpoint of a scheme the fault tests run over.
	 * @param scheme {@code unix}, {@code shm} or {@code tcp}
	 * @param name a part of the endpoint's name
	 * @return the endpoint URI; for {@code tcp}, port 0
	 */
	String endpoint(String scheme, String name) {
		return switch (scheme) {
			case "unix" -> this.sockets.endpoint("unix", name);
			case "shm" -> this.shm.endpoint(name);
			case "tcp" -> "tcp://127.0.0.1:0";
			default -> throw new IllegalArgumentException("No fault tests over " + scheme);
		};
	}

	/**
	 * Starts a main class in a second JVM, closed with this.
	 * @param main the class with {@code main}
	 * @param args its arguments
	 * @return the running JVM
	 */
	ForkedJvm fork(Class<?> main, String... args) {
		ForkedJvm jvm = ForkedJvm.start(main, args);
		this.jvms.add(jvm);
		return jvm;
	}

	/**
	 * Returns the directory of the socket files, for other files of a test.
	 * @return the directory
	 */
	Path directory() {
		return this.sockets.directory();
	}

	/**
	 * Returns the directory of the shared-memory files of an {@code shm://} endpoint.
	 * @param endpoint the endpoint
	 * @return the directory
	 */
	Path shmFilesOf(String endpoint) {
		return this.shm.filesOf(endpoint);
	}

	@Override
	public void close() {
		for (ForkedJvm jvm : this.jvms) {
			if (jvm.isAlive()) {
				jvm.resume();
			}
			jvm.close();
		}
		this.sockets.close();
		this.shm.close();
	}

}
