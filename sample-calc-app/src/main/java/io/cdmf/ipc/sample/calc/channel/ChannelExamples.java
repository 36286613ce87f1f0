package io.cdmf.ipc.sample.calc.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.HealthConfig;
import io.cdmf.ipc.channel.LoadBalancer;
import io.cdmf.ipc.channel.ManagedChannel;
import io.cdmf.ipc.channel.SubchannelState;
import io.cdmf.ipc.channel.SubchannelStats;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * The runnable examples of {@code docs/channels.md}: a channel over three calculator servers on Unix sockets (in this
 * JVM, so that one command runs each example; a channel treats them as it would treat other processes). Run one by
 * name: {@code balancing}, {@code health}, {@code breaker}, {@code retry}, or {@code all}.
 *
 * <pre>
 * ./mvnw -q -pl sample-calc-app -am package -DskipTests
 * java -cp "sample-calc-app/target/classes:$(cat sample-calc-app/target/classpath.txt)" \
 *     io.cdmf.ipc.sample.calc.channel.ChannelExamples all
 * </pre>
 */
public final class ChannelExamples implements AutoCloseable {

	private final Path directory;

	private final List<ServiceStub> servers = new ArrayList<>();

	private final List<String> endpoints = new ArrayList<>();

	private ChannelExamples(int servers) {
		try {
			this.directory = Files.createTempDirectory(Path.of("/tmp"), "cdmf-channels-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (int i = 0; i < servers; i++) {
			String endpoint = "unix://" + this.directory.resolve("calc-" + (char) ('a' + i) + ".sock");
			this.endpoints.add(endpoint);
			this.servers.add(startServer(endpoint, "calc-" + (char) ('a' + i)));
		}
	}

	/**
	 * Runs an example.
	 * @param args the example's name, default {@code all}
	 */
	public static void main(String[] args) {
		String which = (args.length > 0) ? args[0] : "all";
		switch (which) {
			case "balancing" -> balancing();
			case "health" -> health();
			case "breaker" -> breaker();
			case "retry" -> retry();
			case "all" -> {
				balancing();
				health();
				breaker();
				retry();
			}
			default -> throw new IllegalArgumentException("example must be balancing, health, breaker, retry or all: '"
					+ which + "'");
		}
	}

	/**
	 * Round-robin over three servers, then the default power of two choices: calls spread.
	 */
	static void balancing() {
		try (ChannelExamples servers = new ChannelExamples(3)) {
			for (String policy : List.of(LoadBalancer.ROUND_ROBIN, LoadBalancer.POWER_OF_TWO_CHOICES)) {
				try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("CalculationService")
					.endpoints(servers.endpointList())
					.loadBalancer(LoadBalancer.named(policy))
					.build())) {
					channel.connect();
					awaitReady(channel, 3);
					Map<String, Integer> answeredBy = new TreeMap<>();
					for (int i = 0; i < 300; i++) {
						answeredBy.merge(text(channel.call("whoami", new byte[0])), 1, Integer::sum);
					}
					System.out.println("balancing " + policy + ": " + answeredBy);
				}
			}
		}
	}

	/**
	 * One of three servers stops: its endpoint leaves rotation, calls go on to the others; it starts again and comes
	 * back after the reconnect backoff.
	 */
	static void health() {
		try (ChannelExamples servers = new ChannelExamples(3);
				ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("CalculationService")
					.endpoints(servers.endpointList())
					.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
					.health(HealthConfig.custom()
						.reconnectInitialBackoff(Duration.ofMillis(20))
						.reconnectMaxBackoff(Duration.ofMillis(200))
						.build())
					.build())) {
			channel.connect();
			awaitReady(channel, 3);
			System.out.println("health: " + states(channel));
			servers.stop(0);
			int failed = 0;
			for (int i = 0; i < 100; i++) {
				failed += channel.call("whoami", new byte[0]).isSuccess() ? 0 : 1;
			}
			// Between reconnect attempts (CONNECTING, briefly) the endpoint waits out its backoff in TRANSIENT_FAILURE:
			// shown from a snapshot taken in that state, since the next attempt may begin at any moment.
			System.out.println("health: calc-a stopped, " + failed + " of 100 calls failed (those in flight on it), "
					+ awaitStates(channel, "calc-a.sock=" + SubchannelState.TRANSIENT_FAILURE));
			servers.restart(0);
			awaitReady(channel, 3);
			System.out.println("health: calc-a restarted, " + states(channel));
		}
	}

	/**
	 * Every server fails: the breaker opens and calls fail fast with {@code CIRCUIT_OPEN} until it lets a test call
	 * through; once that succeeds it closes.
	 */
	static void breaker() {
		try (ChannelExamples servers = new ChannelExamples(1);
				ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("CalculationService")
					.endpoints(servers.endpointList())
					.circuitBreakerConfig(CircuitBreakerConfig.from(
							io.cdmf.ipc.resilience.IpcResilience.circuitBreakerConfig())
						.waitDurationInOpenState(Duration.ofMillis(200))
						.build())
					.build())) {
			AtomicInteger broken = new AtomicInteger(1);
			servers.servers.get(0).registerMethod("flaky", request -> {
				if (broken.get() == 1) {
					throw new IpcException(ErrorCode.UNAVAILABLE, "database down");
				}
				return request;
			});
			for (int i = 0; i < 12; i++) {
				channel.call("flaky", new byte[0]);
			}
			CallResult refused = channel.call("flaky", new byte[0]);
			System.out.println("breaker: " + channel.getCircuitBreaker().getState() + ", next call: "
					+ refused.errorCode() + " (did not run: " + refused.isKnownNotRun() + ")");
			broken.set(0);
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			CallResult result;
			do {
				result = channel.call("flaky", new byte[0]);
			}
			while (!result.isSuccess() && System.nanoTime() < deadline);
			System.out.println("breaker: recovered, " + channel.getCircuitBreaker().getState() + ", call "
					+ (result.isSuccess() ? "succeeded" : "failed"));
		}
	}

	/**
	 * Retries: an idempotent call whose server dies goes to another; a non-idempotent one that may have run there is
	 * not sent again, and says so.
	 */
	static void retry() {
		try (ChannelExamples servers = new ChannelExamples(2);
				ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("CalculationService")
					.endpoints(servers.endpointList())
					.loadBalancer(LoadBalancer.named(LoadBalancer.PICK_FIRST))
					.retryPolicy(RetryPolicy.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
					.idempotentMethods("whoami")
					.build())) {
			System.out.println("retry: first answer from " + text(channel.call("whoami", new byte[0])));
			servers.servers.get(0).registerMethod("slow", request -> {
				Thread.sleep(2_000);
				return request;
			});
			Thread stopper = new Thread(() -> servers.stopWhenBusy(0));
			stopper.start();
			CallResult notIdempotent = channel.call("slow", new byte[0], Duration.ofSeconds(5));
			join(stopper);
			System.out.println("retry: non-idempotent call while calc-a stopped: " + notIdempotent.errorCode() + ": "
					+ notIdempotent.errorMessage());
			CallResult idempotent = channel.call("whoami", new byte[0]);
			System.out.println("retry: idempotent call goes to " + text(idempotent) + " ("
					+ channel.getCallStats().retries() + " retries so far)");
			CallResult once = channel.call("multiply", java.nio.ByteBuffer.allocate(0),
					CallOptions.custom().idempotent(true).build());
			System.out.println("retry: per-call idempotent option: " + once.errorCode());
		}
	}

	// ---- the servers ----

	private static ServiceStub startServer(String endpoint, String name) {
		ServiceStub stub = new ServiceStub(StubConfig.custom("CalculationService")
			.endpoint(endpoint)
			.shutdownGracePeriod(Duration.ofMillis(100))
			.build());
		stub.registerMethod("whoami", request -> name.getBytes(StandardCharsets.UTF_8));
		stub.registerMethod("multiply", request -> request);
		stub.start();
		return stub;
	}

	private String endpointList() {
		return String.join(",", this.endpoints);
	}

	private void stop(int index) {
		this.servers.get(index).stop();
	}

	private void stopWhenBusy(int index) {
		ServiceStub stub = this.servers.get(index);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (stub.getInFlightRequests() == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		// Closing the endpoints drops the connection under the running call, as a crash of the server would.
		stub.getTransports().forEach(transport -> transport.stop());
	}

	private void restart(int index) {
		this.servers.set(index, startServer(this.endpoints.get(index), "calc-" + (char) ('a' + index)));
	}

	private static void awaitReady(ManagedChannel channel, int ready) {
		// connect() returns once one endpoint is ready; the others connect in the background.
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (channel.getStats().readyEndpoints() < ready && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

	/** Returns the endpoints' states once they include the one given, or as they are after 10 s. */
	private static String awaitStates(ManagedChannel channel, String wanted) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String states = states(channel);
		while (!states.contains(wanted) && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
			states = states(channel);
		}
		return states;
	}

	private static String states(ManagedChannel channel) {
		List<String> states = new ArrayList<>();
		for (SubchannelStats endpoint : channel.getStats().endpoints()) {
			String uri = endpoint.endpoint();
			states.add(uri.substring(uri.lastIndexOf('/') + 1) + "=" + endpoint.state());
		}
		return String.join(", ", states);
	}

	private static String text(CallResult result) {
		return result.isSuccess() ? new String(result.data(), StandardCharsets.UTF_8) : result.errorCode().name();
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops the servers and removes their socket files.
	 */
	@Override
	public void close() {
		this.servers.forEach(ServiceStub::stop);
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			System.err.println("Could not remove " + this.directory + ": " + ex.getMessage());
		}
	}

}
