package io.cdmf.ipc.sample.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.factory.ServiceProxyFactory;
import io.cdmf.ipc.factory.TransportChoice;

/**
 * The client of the guide's example 3: it knows the service's name and version, no endpoint. The
 * {@link ServiceProxyFactory} finds the instances in the registry and picks, for each, the nearest transport it can
 * open; the client prints that choice and its reason, then calls {@link DataProcessor#process} at a fixed rate,
 * printing one line a second ({@code SECOND n calls=.. failures=.. <instance>=..}), the choices again whenever
 * they change, and at the end {@code DONE calls=N failures=F}. It exits with status 1 if any call failed.
 * <p>
 * Options: {@code --registry} (see {@link Registries}; default {@code embedded}), {@code --rate} (calls a second,
 * default 1000), {@code --seconds} (default 6), {@code --instances} (how many instances to wait for before calling,
 * default 1), {@code --warmup} (seconds of calls at the same rate before the timed run, so that its first second is
 * not the JIT's; default 1; their failures count too).
 *
 * @since 0.1.0
 */
public final class DataProcessorClient {

	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(30);

	private static final int CALLER_THREADS = 32;

	private static final int DEFAULT_WARMUP_SECONDS = 1;

	private DataProcessorClient() {
	}

	/**
	 * Runs the client.
	 * @param args the options in the class comment
	 * @throws InterruptedException if interrupted while calling
	 */
	public static void main(String[] args) throws InterruptedException {
		SampleOptions options = SampleOptions.parse(args);
		int rate = options.getInt("rate", 1000);
		int seconds = options.getInt("seconds", 6);
		int expected = options.getInt("instances", 1);
		long failures;
		try (ServiceDiscovery discovery = Registries.open(options.get("registry", "embedded"));
				ServiceProxyFactory factory = factory(discovery)) {
			DataProcessor processor = client(factory);
			List<TransportChoice> choices = awaitInstances(factory, expected);
			System.out.println("FOUND " + choices.size() + " instance(s) of " + DataProcessor.SERVICE_NAME + " "
					+ DataProcessor.VERSION_REQUIRED + " in " + discovery.getName());
			printChoices(choices);
			Callable<String> call = call(processor);
			long warmupFailures = warmUp(call, rate, options.getInt("warmup", DEFAULT_WARMUP_SECONDS));
			try (CallLoad load = new CallLoad(rate, CALLER_THREADS, call)) {
				load.start();
				report(factory, load, seconds, choices);
				load.stop();
				failures = load.failures() + warmupFailures;
				System.out.println(("DONE calls=" + load.calls() + " failures=" + failures + " "
						+ perInstance(load.answersByInstance())).trim());
				load.failureMessages().forEach(message -> System.out.println("FAILED " + message));
			}
		}
		System.exit((failures == 0) ? 0 : 1);
	}

	/**
	 * Creates the factory the client finds the service with: the channel defaults, which retry a failed call (on
	 * another instance when the method is {@code @Idempotent}) and take an instance that keeps failing out of the
	 * rotation.
	 * @param discovery the registry
	 * @return the factory, for the caller to close
	 */
	static ServiceProxyFactory factory(ServiceDiscovery discovery) {
		return ServiceProxyFactory.builder(discovery).build();
	}

	/**
	 * Returns the typed client, found by name and version only: the factory finds the instances and follows the
	 * registry from then on. The format is the contract's, named here so that a client created before any instance
	 * has registered (and advertised its format) uses it too.
	 * @param factory the factory
	 * @return the client
	 */
	static DataProcessor client(ServiceProxyFactory factory) {
		return factory.create(DataProcessor.class, DataProcessor.SERVICE_NAME, DataProcessor.VERSION_REQUIRED,
				DataProcessor.FORMAT);
	}

	/**
	 * Returns one call of the load: a batch of four samples, answered with the id of the instance that processed it.
	 * @param processor the client
	 * @return the call
	 */
	static Callable<String> call(DataProcessor processor) {
		AtomicLong sequence = new AtomicLong();
		List<Double> values = List.of(1.5, 2.5, 4.0, 8.0);
		return () -> processor.process(new DataProcessor.Batch("client", sequence.incrementAndGet(), values))
			.instanceId();
	}

	/** Calls at the rate for some seconds, before the timed run; returns the failures. */
	private static long warmUp(Callable<String> call, int rate, int seconds) throws InterruptedException {
		if (seconds <= 0) {
			return 0;
		}
		try (CallLoad warmup = new CallLoad(rate, CALLER_THREADS, call)) {
			warmup.start();
			TimeUnit.SECONDS.sleep(seconds);
			warmup.stop();
			System.out.println("WARMUP " + seconds + " s calls=" + warmup.calls() + " failures=" + warmup.failures());
			warmup.failureMessages().forEach(message -> System.out.println("FAILED " + message));
			return warmup.failures();
		}
	}

	private static List<TransportChoice> awaitInstances(ServiceProxyFactory factory, int expected)
			throws InterruptedException {
		long deadline = System.nanoTime() + DISCOVERY_TIMEOUT.toNanos();
		while (true) {
			List<TransportChoice> choices = choices(factory);
			if (choices.stream().filter(TransportChoice::isUsable).count() >= expected) {
				return choices;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("found " + choices.size() + " usable instance(s) of "
						+ DataProcessor.SERVICE_NAME + " in " + DISCOVERY_TIMEOUT.toSeconds() + " s, expected "
						+ expected + ": " + choices);
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
	}

	/** Prints a line a second for {@code seconds} seconds, and the transport choices whenever they change. */
	private static void report(ServiceProxyFactory factory, CallLoad load, int seconds, List<TransportChoice> shown)
			throws InterruptedException {
		long start = System.nanoTime();
		long lastCalls = 0;
		long lastFailures = 0;
		Map<String, Long> last = Map.of();
		for (int second = 1; second <= seconds; second++) {
			long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
			TimeUnit.NANOSECONDS.sleep(Math.max(0, wait));
			List<TransportChoice> now = choices(factory);
			if (!now.equals(shown)) {
				System.out.println("CHANGED " + now.size() + " instance(s) now");
				printChoices(now);
				shown = now;
			}
			long calls = load.calls();
			long failures = load.failures();
			Map<String, Long> answers = load.answersByInstance();
			Map<String, Long> delta = new TreeMap<>();
			for (Map.Entry<String, Long> entry : answers.entrySet()) {
				delta.put(entry.getKey(), entry.getValue() - last.getOrDefault(entry.getKey(), 0L));
			}
			System.out.println(("SECOND " + second + " calls=" + (calls - lastCalls) + " failures="
					+ (failures - lastFailures) + " " + perInstance(delta)).trim());
			lastCalls = calls;
			lastFailures = failures;
			last = answers;
		}
	}

	private static List<TransportChoice> choices(ServiceProxyFactory factory) {
		return factory.getTransportChoices(DataProcessor.SERVICE_NAME, DataProcessor.VERSION_REQUIRED);
	}

	private static void printChoices(List<TransportChoice> choices) {
		for (TransportChoice choice : choices) {
			System.out.println("TRANSPORT " + choice.instance().instanceId() + " -> "
					+ ((choice.endpoint() != null) ? choice.endpoint() : "none") + " because " + choice.reason());
			System.out.println("  advertised " + String.join(", ", choice.instance().endpoints())
					+ (choice.skipped().isEmpty() ? "" : "; skipped " + String.join("; ", choice.skipped())));
		}
	}

	private static String perInstance(Map<String, Long> answers) {
		StringBuilder line = new StringBuilder();
		answers.forEach((instance, count) -> line.append(line.isEmpty() ? "" : " ").append(instance).append('=')
			.append(count));
		return line.toString();
	}

}
