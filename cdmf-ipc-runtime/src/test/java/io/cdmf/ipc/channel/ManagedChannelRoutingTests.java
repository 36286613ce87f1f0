package io.cdmf.ipc.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.cdmf.ipc.channel.ChannelCalls.OWN_PID;
import static io.cdmf.ipc.channel.ChannelCalls.awaitAllReady;
import static io.cdmf.ipc.channel.ChannelCalls.bytes;
import static io.cdmf.ipc.channel.ChannelCalls.callConcurrently;
import static io.cdmf.ipc.channel.ChannelCalls.pid;
import static io.cdmf.ipc.channel.ChannelCalls.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a {@link ManagedChannel} sends calls, across processes: four servers in their own JVMs on {@code unix://},
 * one channel in this JVM, and every call's answer names the process that ran it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedChannelRoutingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestEndpoints endpoints = new TestEndpoints();

	private ForkedServer a;

	private ForkedServer b;

	private ForkedServer c;

	private ForkedServer d;

	@BeforeAll
	void startServers() {
		List<ForkedServer> servers = ForkedServer.start(this.endpoints.endpoint("unix", "a"),
				this.endpoints.endpoint("unix", "b"), this.endpoints.endpoint("unix", "c"),
				this.endpoints.endpoint("unix", "d"));
		this.a = servers.get(0);
		this.b = servers.get(1);
		this.c = servers.get(2);
		this.d = servers.get(3);
	}

	@AfterEach
	void resetServers() {
		for (ForkedServer server : List.of(this.a, this.b, this.c, this.d)) {
			server.control("reset");
		}
	}

	@AfterAll
	void stopServers() {
		for (ForkedServer server : new ForkedServer[] { this.a, this.b, this.c, this.d }) {
			if (server != null) {
				server.close();
			}
		}
		this.endpoints.close();
	}

	private ChannelConfig.Builder channel(ForkedServer... servers) {
		ChannelConfig.Builder builder = ChannelConfig.custom("TestService").defaultTimeout(TIMEOUT);
		for (ForkedServer server : servers) {
			builder.endpoint(server.channelEndpoint());
		}
		return builder;
	}

	@Test
	void whenRoundRobinThenEachServerAnswersAThirdOfTheCalls() throws Exception {
		try (ManagedChannel channel = ManagedChannel
			.create(channel(this.a, this.b, this.c).loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN)).build())) {
			awaitAllReady(channel);
			channel.resetStats();

			Map<Long, Long> answers = callConcurrently(4, 150, () -> channel.call("serve", new byte[0]));

			// The turn is one counter shared by all callers: with every endpoint ready the split is exact; the
			// tolerance only allows an endpoint to miss turns while it briefly is not ready.
			for (ForkedServer server : List.of(this.a, this.b, this.c)) {
				assertThat(answers.get(server.pid())).as("calls answered by %s of %s", server, answers)
					.isBetween(180L, 220L);
				assertThat((long) server.served()).isEqualTo(answers.get(server.pid()));
				assertThat(stats(channel, server).picks()).isEqualTo(answers.get(server.pid()));
			}
			assertThat(answers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);
		}
	}

	@Test
	void whenAServerIsSlowThenPowerOfTwoChoicesSendsItFewerCalls() throws Exception {
		this.c.control("delay=20");
		try (ManagedChannel channel = ManagedChannel.create(channel(this.a, this.b, this.c).build())) {
			awaitAllReady(channel);

			Map<Long, Long> answers = callConcurrently(8, 200, () -> channel.call("serve", new byte[0]));

			long slow = answers.getOrDefault(this.c.pid(), 0L);
			// Each call to the slow server holds a caller for 20 ms, so its outstanding calls stay above the others'.
			assertThat(slow).as("calls answered by the slow server of %s", answers)
				.isLessThan(answers.get(this.a.pid()) / 2)
				.isLessThan(answers.get(this.b.pid()) / 2);
			assertThat(channel.getStats().loadBalancer()).isEqualTo(LoadBalancer.POWER_OF_TWO_CHOICES);
		}
	}

	@Test
	void whenEndpointsAreReplacedUnderLoadThenNoCallInFlightIsLost() {
		int baselineA = this.a.connections();
		int baselineB = this.b.connections();
		try (ManagedChannel channel = ManagedChannel.create(channel(this.a, this.b).build())) {
			awaitAllReady(channel);
			List<CompletableFuture<CallResult>> before = new ArrayList<>();
			for (int i = 0; i < 1_000; i++) {
				before.add(channel.callAsync("serve", bytes("200"), TIMEOUT));
			}

			channel.updateEndpoints(List.of(this.c.channelEndpoint(), this.d.channelEndpoint()));
			long inFlightAtUpdate = before.stream().filter(call -> !call.isDone()).count();

			assertThat(channel.getEndpoints()).extracting(ChannelEndpoint::uri)
				.containsExactly(this.c.endpoint(), this.d.endpoint());
			List<CompletableFuture<CallResult>> after = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				after.add(channel.callAsync("serve", new byte[0], TIMEOUT));
			}
			assertThat(after).allSatisfy(call -> assertThat(pid(call.join())).isIn(this.c.pid(), this.d.pid()));
			long inFlightWhenNewAnswered = before.stream().filter(call -> !call.isDone()).count();
			assertThat(before).allSatisfy(call -> assertThat(pid(call.join())).isIn(this.a.pid(), this.b.pid()));
			assertThat(inFlightAtUpdate).as("calls in flight when the endpoints were replaced").isPositive();
			assertThat(inFlightWhenNewAnswered).as("calls in flight when the new endpoints had answered").isPositive();
			assertThat(this.a.served() + this.b.served()).isEqualTo(1_000);
			assertThat(this.c.served() + this.d.served()).isEqualTo(100);
			Await.until(() -> "the removed endpoints' connections closed: a has " + this.a.connections() + ", b has "
					+ this.b.connections(), TIMEOUT,
					() -> this.a.connections() == baselineA && this.b.connections() == baselineB);
		}
	}

	@Test
	void whenEndpointsAreReplacedThenCallsInFlightOnTheRemovedOnesStillTimeOut() {
		// With a retry the request may be repeated, so the server runs it past the caller's deadline (the repeat is
		// answered with its result): only the channel's own clock ends the attempt.
		RetryPolicy retry = RetryPolicy.custom().retryOn(Set.of(ErrorCode.UNAVAILABLE)).build();
		try (ManagedChannel channel = ManagedChannel.create(channel(this.a).retryPolicy(retry).build())) {
			awaitAllReady(channel);
			assertThat(pid(channel.call("serve", new byte[0]))).isEqualTo(this.a.pid());
			CompletableFuture<CallResult> late = channel.callAsync("serve", bytes("5000"), Duration.ofMillis(1000));
			Await.until("the call reached the server", TIMEOUT, () -> this.a.served() == 2);
			long start = System.nanoTime();

			channel.updateEndpoints(List.of(this.b.channelEndpoint()));

			assertThat(channel.getInFlightCalls()).as("calls in flight after the update").isEqualTo(1);
			CallResult result = late.join();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(result.errorCode()).as(result.toString()).isEqualTo(ErrorCode.TIMEOUT);
			assertThat(millis).isLessThan(2_500);
		}
	}

	@Test
	void whenTheChannelClosesThenCallsInFlightOnRemovedEndpointsFailAtOnce() {
		RetryPolicy retry = RetryPolicy.custom().retryOn(Set.of(ErrorCode.UNAVAILABLE)).build();
		ManagedChannel channel = ManagedChannel.create(channel(this.a).retryPolicy(retry).build());
		try {
			awaitAllReady(channel);
			CompletableFuture<CallResult> late = channel.callAsync("serve", bytes("5000"), TIMEOUT);
			Await.until("the call reached the server", TIMEOUT, () -> this.a.served() == 1);
			channel.updateEndpoints(List.of(this.b.channelEndpoint()));
			long start = System.nanoTime();

			channel.close();

			CallResult result = late.join();
			assertThat(result.errorCode()).as(result.toString()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
		}
		finally {
			channel.close();
		}
	}

	@Test
	void whenAnInProcessServerIsThereThenItTakesEveryCallAndOnceItStopsCallsSpillToTheHost() {
		String inProcess = "inproc://routing-" + ThreadLocalRandom.current().nextInt(1 << 30);
		ServiceStub stub = new ServiceStub(StubConfig.custom("TestService").endpoint(inProcess).build());
		stub.registerMethod("serve", request -> bytes(Long.toString(OWN_PID)));
		stub.start();
		try (ManagedChannel channel = ManagedChannel
			.create(channel(this.a).endpoint(ChannelEndpoint.of(inProcess)).build())) {
			awaitAllReady(channel);
			assertThat(stats(channel, inProcess).locality()).isEqualTo(Locality.SAME_PROCESS);
			assertThat(stats(channel, this.a).locality()).isEqualTo(Locality.SAME_HOST);

			for (int i = 0; i < 100; i++) {
				assertThat(pid(channel.call("serve", new byte[0]))).isEqualTo(OWN_PID);
			}
			assertThat(this.a.served()).isZero();

			stub.stop();
			Await.until("the in-process endpoint out", TIMEOUT,
					() -> stats(channel, inProcess).state() != SubchannelState.READY);
			for (int i = 0; i < 100; i++) {
				assertThat(pid(channel.call("serve", new byte[0]))).isEqualTo(this.a.pid());
			}
			assertThat(this.a.served()).isEqualTo(100);
		}
		finally {
			stub.stop();
		}
	}

}
