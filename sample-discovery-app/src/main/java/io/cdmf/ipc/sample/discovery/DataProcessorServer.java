package io.cdmf.ipc.sample.discovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.rpc.StubStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the {@link DataProcessor} service: it listens on shared memory, a Unix socket and TCP at once,
 * registers all three in a registry and prints {@code READY <instance id>}. On SIGTERM it deregisters first, so that
 * clients stop sending to it, and only then drains and stops.
 * <p>
 * Options: {@code --registry} (see {@link Registries}; default {@code embedded}), {@code --instance} (its id, unique
 * in the registry; default {@code dp-<pid>}), {@code --socket-dir} (where its Unix socket goes; default
 * {@code java.io.tmpdir}), {@code --shm-dir} (where its shared-memory files go; default {@code /dev/shm/cdmf}),
 * {@code --tcp-host} (default {@code 127.0.0.1}; {@code 0.0.0.0} to take calls from other hosts) and {@code --fail}
 * (every call throws).
 *
 * @since 0.1.0
 */
public final class DataProcessorServer {

	/**
	 * How long the instance waits between leaving the registry and stopping: clients see the change within the
	 * registry's notice time (the embedded registry: a file event, at most its 50 ms poll interval) and stop sending,
	 * so no request is on its way when the sockets close. Calls that still arrive are refused as not run, which a
	 * client retries elsewhere, so this only keeps those retries few.
	 */
	static final Duration DEREGISTER_DELAY = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(DataProcessorServer.class);

	private DataProcessorServer() {
	}

	/**
	 * Runs an instance until SIGTERM.
	 * @param args the options in the class comment
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		SampleOptions options = SampleOptions.parse(args);
		long pid = ProcessHandle.current().pid();
		String instanceId = options.get("instance", "dp-" + pid);
		String name = instanceId + "-" + pid;
		Path socketDir = Path.of(options.get("socket-dir", System.getProperty("java.io.tmpdir")));
		String shmDir = options.get("shm-dir");
		ServiceStub stub = new ServiceStub(StubConfig.custom(DataProcessor.SERVICE_NAME)
			.version(DataProcessor.VERSION)
			.endpoint("shm://" + name + ((shmDir != null) ? "?directory=" + shmDir : ""))
			.endpoint("unix://" + socketDir.resolve(name + ".sock"))
			.endpoint("tcp://" + options.get("tcp-host", "127.0.0.1") + ":0")
			.shutdownGracePeriod(Duration.ofSeconds(5))
			.build());
		IpcBinding.export(new DataProcessorService(instanceId, options.has("fail")), DataProcessor.class, stub,
				DataProcessor.FORMAT);
		stub.start();
		ServiceDiscovery discovery = Registries.open(options.get("registry", "embedded"));
		// forStub: the service's name, version and every endpoint as bound (the TCP port chosen by the system).
		ServiceDiscovery.Registration registration = discovery.register(ServiceEndpoint.forStub(stub)
			.instanceId(instanceId)
			.metadata(ServiceEndpoint.METADATA_SERIALIZATION, DataProcessor.FORMAT.name())
			.build());
		logger.info("Registered {} in {}", registration.getInstance(), discovery.getName());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stop(instanceId, stub, discovery, registration);
			stopped.countDown();
		}, "data-processor-shutdown"));
		System.out.println("READY " + instanceId);
		stopped.await();
	}

	/** Leaves the registry, waits for clients to notice, then drains and stops. */
	private static void stop(String instanceId, ServiceStub stub, ServiceDiscovery discovery,
			ServiceDiscovery.Registration registration) {
		registration.close();
		logger.info("Deregistered {}; stopping in {} ms", instanceId, DEREGISTER_DELAY.toMillis());
		try {
			TimeUnit.MILLISECONDS.sleep(DEREGISTER_DELAY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stub.stop();
		discovery.close();
		StubStats stats = stub.getStats();
		System.out.println("STOPPED " + instanceId + " requests=" + stats.requests() + " errors=" + stats.errors());
	}

}
