package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls between two JVMs: the service runs in a forked JVM ({@link StubServerMain}), the proxy in this one.
 * Subclasses pick the transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCrossProcessRpcTests {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final TestEndpoints endpoints = new TestEndpoints();

	private String sharedEndpoint;

	private ForkedJvm sharedServer;

	private ServiceProxy proxy;

	/**
	 * Returns the scheme under test.
	 * @return {@code unix}, {@code unix+dgram}, {@code tcp}, {@code udp} or {@code grpc}
	 */
	abstract String scheme();

	/**
	 * Returns an endpoint for a server of the test: a unique socket path for path schemes; network schemes return
	 * a loopback address with port 0, and the test uses the endpoint the server reports as bound.
	 * @param name a readable part of the name
	 * @return the endpoint URI
	 */
	protected String endpoint(String name) {
		return this.endpoints.endpoint(scheme(), name);
	}

	/**
	 * Returns whether the scheme's server leaves a socket file behind when it is killed (path schemes).
	 * @return whether a stale socket file is expected after {@code kill -9}
	 */
	protected boolean leavesSocketFile() {
		return true;
	}

	/**
	 * Returns the file a server of an endpoint leaves behind when killed: its socket file, or its shared-memory file.
	 * @param endpoint the endpoint URI
	 * @return the file
	 */
	protected Path serverFile(String endpoint) {
		return Path.of(endpoint.substring(endpoint.indexOf("://") + 3));
	}

	/**
	 * Sends bytes that are not valid messages to a server, from a raw client of the scheme's kind.
	 * @param endpoint the server's bound endpoint
	 * @param garbage the bytes
	 * @return whether the server is still accepting the raw sender (false once it closed a stream connection)
	 * @throws Exception on I/O failure
	 */
	abstract boolean sendGarbage(String endpoint, byte[] garbage) throws Exception;

	@BeforeAll
	void startSharedServer() {
		this.sharedServer = startServer(endpoint("shared"), 2000, 30_000);
		this.sharedEndpoint = boundEndpoint(this.sharedServer);
		this.proxy = new ServiceProxy(ProxyConfig.custom(this.sharedEndpoint).serviceName("TestService").build());
	}

	@AfterAll
	void stopSharedServer() {
		this.proxy.close();
		this.sharedServer.close();
		this.endpoints.close();
	}

	private ForkedJvm startServer(String endpoint, int maxConcurrent, long requestTimeoutMillis) {
		ForkedJvm server = ForkedJvm.start(StubServerMain.class, endpoint, Integer.toString(maxConcurrent),
				Long.toString(requestTimeoutMillis));
		server.awaitLine("READY", STARTUP);
		return server;
	}

	/**
	 * Returns the endpoint a forked server bound, from its {@code READY <pid> <endpoint>} line.
	 */
	private static String boundEndpoint(ForkedJvm server) {
		return server.awaitLine("READY", STARTUP).split(" ")[2];
	}

	@Test
	void shouldCallSynchronously() {
		CallResult result = this.proxy.call("echo", bytes("hello"), Duration.ofSeconds(10));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		assertThat(text(result.data())).isEqualTo("hello");
		CallResult pid = this.proxy.call("pid", new byte[0]);
		assertThat(Long.parseLong(text(pid.data()))).isEqualTo(this.sharedServer.pid());
	}

	@Test
	void shouldCompleteThousandConcurrentAsyncCalls() {
		List<CompletableFuture<CallResult>> futures = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			futures.add(this.proxy.callAsync("echo", bytes("call-" + i), Duration.ofSeconds(30)));
		}
		for (int i = 0; i < futures.size(); i++) {
			CallResult result = futures.get(i).join();
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(text(result.data())).isEqualTo("call-" + i);
		}
	}

	@Test
	void shouldDeliverOneWayCalls() {
		int before = Integer.parseInt(text(this.proxy.call("recorded", new byte[0]).data()));
		for (int i = 0; i < 20; i++) {
			assertThat(this.proxy.callOneWay("record", bytes("event"))).isTrue();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int after = before;
		while (after < before + 20 && System.nanoTime() < deadline) {
			after = Integer.parseInt(text(this.proxy.call("recorded", new byte[0]).data()));
		}
		assertThat(after).isEqualTo(before + 20);
	}

	@Test
	void whenResponseIsLateThenTimesOutWithinTimeout() {
		long start = System.nanoTime();
		CallResult result = this.proxy.call("sleep", bytes("3000"), Duration.ofMillis(300));
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		// Both sides hold the same deadline: the proxy gives up (TIMEOUT) as the stub stops waiting for its handler
		// (DEADLINE_EXCEEDED); on a fast path such as udp:// the stub's answer may arrive first.
		assertThat(result.errorCode()).isIn(ErrorCode.TIMEOUT, ErrorCode.DEADLINE_EXCEEDED);
		assertThat(elapsedMillis).isBetween(250L, 2500L);
		assertThat(this.proxy.call("echo", bytes("after timeout")).isSuccess()).isTrue();
	}

	@Test
	void whenMethodIsUnknownThenMethodNotFound() {
		CallResult result = this.proxy.call("noSuchMethod", new byte[0]);
		assertThat(result.errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
		assertThat(result.errorMessage()).contains("noSuchMethod");
		assertThat(result.isKnownNotRun()).as("the reply says the request did not run").isTrue();
	}

	@Test
	void whenHandlerThrowsThenInternalErrorAndServerKeepsServing() {
		CallResult result = this.proxy.call("fail", bytes("on purpose"));
		assertThat(result.errorCode()).isEqualTo(ErrorCode.INTERNAL);
		assertThat(result.errorMessage()).contains("IllegalStateException").contains("boom: on purpose");
		assertThat(result.isKnownNotRun()).as("the handler ran").isFalse();
		assertThat(this.proxy.call("echo", bytes("still there")).isSuccess()).isTrue();
	}

	@Test
	void whenSameMessageIdArrivesTwiceThenHandlerRunsOnce() throws Exception {
		String key = "dup-" + ThreadLocalRandom.current().nextInt(1_000_000);
		try (Transport raw = TransportFactory.create(this.sharedEndpoint)) {
			raw.connect();
			Message request = Message.request("count", ByteBuffer.wrap(bytes(key)));
			request.getHeader().setFlag(MessageHeader.FLAG_DEDUPLICATE, true);
			raw.send(request);
			raw.send(request);
			for (int i = 0; i < 2; i++) {
				Message response = raw.receive(Duration.ofSeconds(10));
				assertThat(response).isNotNull();
				assertThat(response.getType()).isEqualTo(MessageType.RESPONSE);
				assertThat(response.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
				assertThat(text(response.getPayloadBytes())).isEqualTo("1");
			}
		}
		assertThat(text(this.proxy.call("count", bytes(key)).data())).isEqualTo("2");
	}

	@Test
	void whenRetryingATimedOutCallThenHandlerRunsOnce() {
		String key = "slow400-" + ThreadLocalRandom.current().nextInt(1_000_000);
		RetryPolicy retry = RetryPolicy.custom()
			.maxAttempts(10)
			.initialBackoff(Duration.ofMillis(20))
			.maxBackoff(Duration.ofMillis(50))
			.build();
		try (ServiceProxy retrying = new ServiceProxy(
				ProxyConfig.custom(this.sharedEndpoint).retryPolicy(retry).defaultTimeout(Duration.ofMillis(150)).build())) {
			CallResult result = retrying.call("count", bytes(key));
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(text(result.data())).isEqualTo("1");
			assertThat(retrying.getStats().retries()).isPositive();
		}
		assertThat(text(this.proxy.call("count", bytes(key), Duration.ofSeconds(10)).data())).isEqualTo("2");
	}

	@Test
	void whenServiceIsAtItsLimitThenRejectsAtOnce() {
		try (ForkedJvm server = startServer(endpoint("limited"), 2, 30_000);
				ServiceProxy client = new ServiceProxy(ProxyConfig.of(boundEndpoint(server)))) {
			CompletableFuture<CallResult> first = client.callAsync("sleep", bytes("1500"), Duration.ofSeconds(10));
			CompletableFuture<CallResult> second = client.callAsync("sleep", bytes("1500"), Duration.ofSeconds(10));
			long start = System.nanoTime();
			CallResult third = client.call("echo", bytes("x"), Duration.ofSeconds(10));
			assertThat(third.errorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
			assertThat(third.isKnownNotRun()).isTrue();
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
			assertThat(first.join().isSuccess()).as(first.join().toString()).isTrue();
			assertThat(second.join().isSuccess()).as(second.join().toString()).isTrue();
			CallResult after = client.call("echo", bytes("x"));
			assertThat(after.isSuccess()).as(after.toString()).isTrue();
		}
	}

	@Test
	void whenServerIsKilledMidCallThenUnavailableWellBeforeTimeout() {
		ForkedJvm server = startServer(endpoint("killed"), 100, 60_000);
		try (ServiceProxy client = new ServiceProxy(ProxyConfig.of(boundEndpoint(server)))) {
			assertThat(client.call("echo", bytes("warm")).isSuccess()).isTrue();
			CompletableFuture<CallResult> call = client.callAsync("sleep", bytes("20000"), Duration.ofSeconds(30));
			long start = System.nanoTime();
			server.kill();
			CallResult result = call.join();
			assertThat(result.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(8_000);
		}
		finally {
			server.close();
		}
	}

	@Test
	void whenServerRestartsAfterKillThenStaleFileIsReplacedAndClientReconnects() {
		ForkedJvm first = startServer(endpoint("restart"), 100, 30_000);
		// A network server restarts on the port the first one bound (TCP: SO_REUSEADDR gets past TIME_WAIT).
		String endpoint = boundEndpoint(first);
		try (ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			assertThat(text(client.call("pid", new byte[0]).data())).isEqualTo(Long.toString(first.pid()));
			first.kill();
			if (leavesSocketFile()) {
				Path socket = serverFile(endpoint);
				assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).as("stale file left by kill -9")
					.isTrue();
			}
			try (ForkedJvm second = startServer(endpoint, 100, 30_000)) {
				if (leavesSocketFile()) {
					assertThat(second.output()).anyMatch(line -> line.contains("Replaced stale"));
				}
				CallResult result = callUntilAnswered(client, "pid");
				assertThat(text(result.data())).isEqualTo(Long.toString(second.pid()));
			}
		}
		finally {
			first.close();
		}
	}

	private static CallResult callUntilAnswered(ServiceProxy client, String method) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		CallResult result;
		do {
			result = client.call(method, new byte[0], Duration.ofSeconds(2));
		}
		while (!result.isSuccess() && System.nanoTime() < deadline);
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		return result;
	}

	@Test
	void whenAClientSendsGarbageThenOtherClientsAreStillServed() throws Exception {
		AtomicBoolean done = new AtomicBoolean();
		CompletableFuture<Integer> garbage = CompletableFuture.supplyAsync(() -> {
			int sent = 0;
			byte[] junk = new byte[512];
			while (!done.get() && sent < 2_000) {
				ThreadLocalRandom.current().nextBytes(junk);
				try {
					sendGarbage(this.sharedEndpoint, junk);
				}
				catch (Exception ex) {
					// A closed connection is the expected answer to garbage; keep sending on a new one.
				}
				sent++;
			}
			return sent;
		});
		try (ServiceProxy good = new ServiceProxy(ProxyConfig.of(this.sharedEndpoint))) {
			for (int i = 0; i < 300; i++) {
				CallResult result = good.call("echo", bytes("good-" + i), Duration.ofSeconds(10));
				assertThat(result.isSuccess()).as(result.toString()).isTrue();
				assertThat(text(result.data())).isEqualTo("good-" + i);
			}
		}
		finally {
			done.set(true);
		}
		assertThat(garbage.get(30, TimeUnit.SECONDS)).isPositive();
		assertThat(this.sharedServer.isAlive()).isTrue();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
