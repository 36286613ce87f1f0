package io.cdmf.ipc.sample.discovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportChoice;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run of the sample across processes, as the demo does it: {@link DataProcessorServer} instances in JVMs of their
 * own, and in this JVM the client's registry, factory and typed proxy. Each run has its own registry, socket and
 * shared-memory directories, removed at the end.
 */
final class SampleRun implements AutoCloseable {

	static final Duration STARTUP = Duration.ofSeconds(60);

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestEndpoints sockets = new TestEndpoints();

	private final ShmTestDirectory shm = new ShmTestDirectory();

	private final List<ForkedJvm> servers = new ArrayList<>();

	private final String registry;

	private final ServiceDiscovery discovery;

	private final ServiceProxyFactory factory;

	private final DataProcessor processor;

	/**
	 * Starts a run on an embedded registry in a directory of its own.
	 */
	SampleRun() {
		this(null);
	}

	/**
	 * Starts a run.
	 * @param registry the registry as {@link Registries} reads it, or {@code null} for an embedded one in a directory
	 * of its own
	 */
	SampleRun(@Nullable String registry) {
		this.registry = (registry != null) ? registry : "embedded:" + this.sockets.directory().resolve("registry");
		this.discovery = Registries.open(this.registry);
		this.factory = DataProcessorClient.factory(this.discovery);
		try {
			this.processor = DataProcessorClient.client(this.factory);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts instances, all at once, and waits until each has registered.
	 * @param instanceIds their ids; an id ending in {@code -failing} makes an instance that fails every call
	 * @return their JVMs, in the same order
	 */
	List<ForkedJvm> start(String... instanceIds) {
		List<ForkedJvm> started = new ArrayList<>();
		for (String instanceId : instanceIds) {
			List<String> args = new ArrayList<>(List.of("--registry", this.registry, "--instance", instanceId,
					"--socket-dir", this.sockets.directory().toString(), "--shm-dir", this.shm.directory().toString()));
			if (instanceId.endsWith("-failing")) {
				args.add("--fail");
			}
			ForkedJvm jvm = ForkedJvm.start(DataProcessorServer.class, args.toArray(String[]::new));
			this.servers.add(jvm);
			started.add(jvm);
		}
		for (ForkedJvm jvm : started) {
			jvm.awaitLine("READY", STARTUP);
		}
		return started;
	}

	/**
	 * Stops an instance as a service manager would, with SIGTERM, and waits until it ends. Unlike
	 * {@link ForkedJvm#close()} (which is {@code Process.destroy()}, and that closes this side of the pipes) its last
	 * lines, written while it shuts down, are still read.
	 * @param instance the instance
	 */
	static void terminate(ForkedJvm instance) {
		ProcessHandle.of(instance.pid()).ifPresent(ProcessHandle::destroy);
		if (!instance.waitFor(TIMEOUT)) {
			throw new AssertionError("instance " + instance.pid() + " still runs " + TIMEOUT.toSeconds()
					+ " s after SIGTERM; output:\n" + String.join("\n", instance.output()));
		}
	}

	/**
	 * Waits until the client's channel calls exactly these instances.
	 * @param instanceIds the instances
	 */
	void awaitCalling(String... instanceIds) {
		Set<String> expected = new TreeSet<>(List.of(instanceIds));
		Await.until(() -> "the client to call " + expected + ", not " + this.factory
			.getTransportChoices(DataProcessor.SERVICE_NAME, DataProcessor.VERSION_REQUIRED), TIMEOUT,
				() -> expected.equals(calledInstances()));
	}

	/**
	 * Returns the instances the client's channel has an endpoint for.
	 * @return their ids
	 */
	Set<String> calledInstances() {
		Set<String> ids = new TreeSet<>();
		for (TransportChoice choice : this.factory.getTransportChoices(DataProcessor.SERVICE_NAME,
				DataProcessor.VERSION_REQUIRED)) {
			if (choice.isUsable()) {
				ids.add(choice.instance().instanceId());
			}
		}
		return ids;
	}

	/**
	 * Returns a load of calls through the client's proxy, not started.
	 * @param callsPerSecond the rate
	 * @return the load
	 */
	CallLoad load(int callsPerSecond) {
		return new CallLoad(callsPerSecond, 32, DataProcessorClient.call(this.processor));
	}

	/**
	 * Stops an instance gracefully (SIGTERM: it deregisters, then drains) and starts its replacement, then waits
	 * until the replacement answers calls; checks that the stopped one answered none once stopped.
	 * @param load the load running
	 * @param instance the instance to stop
	 * @param old its id
	 * @param replacement the id of its replacement
	 * @param other the id of the instance that keeps running
	 */
	void restart(CallLoad load, ForkedJvm instance, String old, String replacement, String other) {
		terminate(instance);
		// Polled rather than awaitLine: the process has ended, and its last lines may still be on their way.
		Await.until(old + " stopped gracefully", TIMEOUT,
				() -> instance.output().stream().anyMatch(line -> line.startsWith("STOPPED " + old)));
		awaitCalling(other);
		long answeredByOld = load.answeredBy(old);
		start(replacement);
		awaitCalling(other, replacement);
		awaitAnswers(load, replacement);
		assertThat(load.answeredBy(old)).as("answers of %s once stopped", old).isEqualTo(answeredByOld);
	}

	/**
	 * Waits until each instance has answered 200 calls of a load.
	 * @param load the load
	 * @param instances the instances
	 */
	static void awaitAnswers(CallLoad load, String... instances) {
		for (String instance : instances) {
			Await.until(() -> "200 answers from " + instance + ": " + load.answersByInstance(), TIMEOUT,
					() -> load.answeredBy(instance) >= 200);
		}
	}

	/**
	 * Prints what a load counted, for the test's output.
	 * @param test the test's short name
	 * @param load the load
	 */
	static void report(String test, CallLoad load) {
		System.out.println(test + ": calls=" + load.calls() + " failures=" + load.failures() + " "
				+ load.answersByInstance());
	}

	ServiceDiscovery discovery() {
		return this.discovery;
	}

	ServiceProxyFactory factory() {
		return this.factory;
	}

	Path socketDirectory() {
		return this.sockets.directory();
	}

	Path shmDirectory() {
		return this.shm.directory();
	}

	String registry() {
		return this.registry;
	}

	@Override
	public void close() {
		this.factory.close();
		this.discovery.close();
		this.servers.forEach(ForkedJvm::close);
		this.sockets.close();
		this.shm.close();
	}

}
