package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a client process at a random point of its stream of calls (eight in flight, some of them
 * running in the server, over up to four connections): the server process keeps serving the other clients without
 * one failed call, and releases what the dead client held: its connection, its socket descriptor, and for
 * {@code shm://} its client file (the response ring the server wrote into).
 */
class ClientCrashFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(ClientCrashFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration RELEASE = Duration.ofSeconds(10);

	private final FaultProcesses processes = new FaultProcesses();

	@AfterEach
	void cleanUp() {
		this.processes.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm", "tcp" })
	void whenAClientIsKilledMidStreamThenTheServerServesTheOthersAndReleasesItsResources(String scheme) {
		FaultRandom random = FaultRandom.of("client kill -9 over " + scheme);
		String requested = this.processes.endpoint(scheme, "clients");
		ForkedJvm server = this.processes.fork(StubServerMain.class, requested, "1000", "30000");
		String endpoint = server.awaitLine("READY", STARTUP).split(" ")[2];
		long serverPid = server.pid();
		AtomicBoolean running = new AtomicBoolean(true);
		CallLog log = new CallLog();
		try (ServiceProxy observer = new ServiceProxy(ChannelConfig.custom("TestService")
			.endpoints(endpoint)
			.maxConnectionsPerEndpoint(1)
			.circuitBreaker(false)
			.build())) {
			CompletableFuture<Void> observing = CompletableFuture.runAsync(() -> {
				long n = 0;
				while (running.get()) {
					String id = "o-" + n++;
					long start = System.nanoTime();
					log.record(id, start, observer.call("echo", id.getBytes(StandardCharsets.UTF_8),
							Duration.ofSeconds(5)));
				}
			});
			ForkedJvm survivor = this.processes.fork(CallingClientMain.class, endpoint);
			survivor.awaitLine("READY", STARTUP);
			int baseConnections = connections(observer);
			int baseSockets = ProcessResources.openSockets(serverPid);
			long baseClientFiles = clientFiles(scheme, requested);

			ForkedJvm doomed = this.processes.fork(CallingClientMain.class, endpoint, "4");
			doomed.awaitLine("READY", STARTUP);
			Await.until(() -> "the doomed client's connection counted: " + connections(observer) + ", before "
					+ baseConnections, RELEASE,
					() -> connections(observer) > baseConnections);
			int doomedSockets = ProcessResources.openSockets(serverPid);
			long doomedClientFiles = clientFiles(scheme, requested);
			Duration beforeKill = random.delay(50, 1000);
			long killAt = System.nanoTime() + beforeKill.toNanos();
			Await.until("the kill point", beforeKill.plusSeconds(5), () -> System.nanoTime() - killAt >= 0);
			long killed = System.nanoTime();
			doomed.kill();
			Await.until(
					() -> "the dead client's resources released: connections " + connections(observer) + " (was "
							+ baseConnections + "), sockets " + ProcessResources.openSockets(serverPid) + " (was "
							+ baseSockets + "), client files " + clientFiles(scheme, requested) + " (was "
							+ baseClientFiles + ")",
					RELEASE,
					() -> connections(observer) == baseConnections
							&& ProcessResources.openSockets(serverPid) <= baseSockets
							&& clientFiles(scheme, requested) == baseClientFiles);
			long observedAfter = System.nanoTime();
			long releasedMillis = TimeUnit.NANOSECONDS.toMillis(observedAfter - killed);
			Await.until("calls answered after the release", RELEASE,
					() -> log.successesEndingAfter(observedAfter) >= 50);
			running.set(false);
			observing.join();
			logger.info("{} ({}): client killed after {} ms of calls; server released its connection{} {} ms after "
					+ "kill -9 (server sockets {} -> {} -> {}); observer made {} calls, {} failed; survivor failures "
					+ "{}",
					scheme, random, beforeKill.toMillis(), scheme.equals("shm") ? " and client file" : "",
					releasedMillis, baseSockets, doomedSockets, ProcessResources.openSockets(serverPid),
					log.calls().size(), log.failures().size(),
					survivor.output().stream().filter(line -> line.startsWith("FAILED")).count());

			assertThat(log.failures()).as("failed calls of another client").isEmpty();
			assertThat(survivor.output()).as("failed calls of the surviving client process")
				.noneMatch(line -> line.startsWith("FAILED"));
			assertThat(survivor.isAlive()).isTrue();
			assertThat(server.isAlive()).isTrue();
			if (scheme.equals("shm")) {
				assertThat(doomedClientFiles).as("the doomed client's files").isGreaterThan(baseClientFiles);
			}
			else {
				assertThat(doomedSockets).as("the doomed client's socket in the server").isGreaterThan(baseSockets);
			}
		}
		finally {
			running.set(false);
		}
	}

	private static int connections(ServiceProxy observer) {
		CallResult result = observer.call("connections", new byte[0], Duration.ofSeconds(5));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return Integer.parseInt(new String(result.data(), StandardCharsets.UTF_8));
	}

	private long clientFiles(String scheme, String endpoint) {
		if (!scheme.equals("shm")) {
			return 0;
		}
		Path directory = this.processes.shmFilesOf(endpoint);
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().startsWith("client-")).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
