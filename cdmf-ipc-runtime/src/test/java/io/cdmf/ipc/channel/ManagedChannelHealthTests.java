package io.cdmf.ipc.channel;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.resilience.IpcResilience;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.cdmf.ipc.channel.ChannelCalls.awaitAllReady;
import static io.cdmf.ipc.channel.ChannelCalls.pid;
import static io.cdmf.ipc.channel.ChannelCalls.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a {@link ManagedChannel} judges its service and its endpoints by the calls' outcomes, across processes: the
 * service's circuit breaker and the passive ejection of endpoints, against three servers in their own JVMs whose
 * calls are made to fail and recover while they run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedChannelHealthTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration OPEN_WAIT = Duration.ofMillis(300);

	private final TestEndpoints endpoints = new TestEndpoints();

	private final List<ForkedServer> servers = new ArrayList<>();

	private ForkedServer h1;

	private ForkedServer h2;

	private ForkedServer h3;

	@BeforeAll
	void startServers() {
		this.servers.addAll(ForkedServer.start(this.endpoints.endpoint("unix", "h1"),
				this.endpoints.endpoint("unix", "h2"), this.endpoints.endpoint("unix", "h3")));
		this.h1 = this.servers.get(0);
		this.h2 = this.servers.get(1);
		this.h3 = this.servers.get(2);
	}

	@AfterEach
	void resetServers() {
		this.servers.forEach(server -> server.control("reset"));
	}

	@AfterAll
	void stopServers() {
		this.servers.forEach(ForkedServer::close);
		this.endpoints.close();
	}

	@Test
	void whenTheServiceFailsThenTheBreakerOpensHalfOpensAndClosesAsConfigured() throws InterruptedException {
		CircuitBreakerConfig breaker = CircuitBreakerConfig.from(IpcResilience.circuitBreakerConfig())
			.slidingWindow(4, 4, SlidingWindowType.COUNT_BASED)
			.waitDurationInOpenState(OPEN_WAIT)
			.permittedNumberOfCallsInHalfOpenState(1)
			.build();
		try (ManagedChannel channel = ManagedChannel.create(ChannelConfig.custom("TestService")
			.endpoint(this.h1.channelEndpoint())
			.circuitBreakerConfig(breaker)
			.health(HealthConfig.custom().ejectionFailures(0).build())
			.build())) {
			BlockingQueue<Transition> transitions = new LinkedBlockingQueue<>();
			channel.getCircuitBreaker()
				.getEventPublisher()
				.onStateTransition(event -> transitions.add(new Transition(event.getStateTransition(), System.nanoTime())));
			awaitAllReady(channel);
			this.h1.control("fail=UNAVAILABLE");

			for (int i = 0; i < 4; i++) {
				assertThat(channel.call("serve", new byte[0]).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			}
			Transition opened = next(transitions);
			assertThat(opened.transition()).isEqualTo(StateTransition.CLOSED_TO_OPEN);

			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				CallResult refused = channel.call("serve", new byte[0]);
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("ms to refuse").isLessThan(50);
				assertThat(refused.errorCode()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
				assertThat(refused.isKnownNotRun()).isTrue();
			}
			assertThat(this.h1.served()).as("calls that reached the server").isEqualTo(4);
			assertThat(channel.getStats().circuitBreaker().notPermittedCalls()).isEqualTo(20);

			Transition halfOpen = next(transitions);
			assertThat(halfOpen.transition()).isEqualTo(StateTransition.OPEN_TO_HALF_OPEN);
			assertThat(halfOpen.millisAfter(opened)).as("ms open").isBetween(OPEN_WAIT.toMillis() - 10, 3_000L);

			// The test call fails: open again, for the same wait.
			this.h1.control("fail=INTERNAL");
			assertThat(channel.call("serve", new byte[0]).errorCode()).isEqualTo(ErrorCode.INTERNAL);
			Transition reopened = next(transitions);
			assertThat(reopened.transition()).isEqualTo(StateTransition.HALF_OPEN_TO_OPEN);
			assertThat(channel.call("serve", new byte[0]).errorCode()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
			Transition halfOpenAgain = next(transitions);
			assertThat(halfOpenAgain.transition()).isEqualTo(StateTransition.OPEN_TO_HALF_OPEN);
			assertThat(halfOpenAgain.millisAfter(reopened)).isBetween(OPEN_WAIT.toMillis() - 10, 3_000L);

			// The server recovers: the test call succeeds and closes the breaker.
			this.h1.control("fail=none");
			assertThat(pid(channel.call("serve", new byte[0]))).isEqualTo(this.h1.pid());
			assertThat(next(transitions).transition()).isEqualTo(StateTransition.HALF_OPEN_TO_CLOSED);
			assertThat(channel.getCircuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(channel.getStats().circuitBreaker().state()).isEqualTo("CLOSED");
			for (int i = 0; i < 10; i++) {
				assertThat(pid(channel.call("serve", new byte[0]))).isEqualTo(this.h1.pid());
			}
			assertThat(this.h1.served()).isEqualTo(4 + 1 + 1 + 10);
			assertThat(transitions).isEmpty();
		}
	}

	@Test
	void whenAServerFailsEveryCallThenItIsEjectedAndComesBackAfterTheEjectionTime() {
		Duration ejection = Duration.ofMillis(400);
		try (ManagedChannel channel = ManagedChannel.create(ejectingChannel(3, ejection, 50, this.h1, this.h2, this.h3))) {
			awaitAllReady(channel);
			this.h3.control("fail=INTERNAL");

			int failures = 0;
			for (int i = 0; i < 100 && stats(channel, this.h3).state() != SubchannelState.EJECTED; i++) {
				CallResult result = channel.call("serve", new byte[0]);
				if (!result.isSuccess()) {
					assertThat(result.errorCode()).isEqualTo(ErrorCode.INTERNAL);
					failures++;
				}
			}
			long ejectedAt = System.nanoTime();

			SubchannelStats ejected = stats(channel, this.h3);
			assertThat(ejected.state()).isEqualTo(SubchannelState.EJECTED);
			assertThat(ejected.ejections()).isEqualTo(1);
			assertThat(ejected.ejectedUntil()).isNotNull();
			// Three failures eject it; a fourth can slip in only if a caller picks it while the third's result is
			// being counted.
			assertThat(failures).as("failed calls before the ejection").isBetween(3, 4);
			int servedWhenEjected = this.h3.served();
			this.h3.control("fail=none");
			for (int i = 0; i < 30; i++) {
				assertThat(pid(channel.call("serve", new byte[0]))).isIn(this.h1.pid(), this.h2.pid());
			}
			assertThat(this.h3.served()).as("calls reaching the ejected server").isEqualTo(servedWhenEjected);

			Await.until("the ejected endpoint back", TIMEOUT,
					() -> stats(channel, this.h3).state() == SubchannelState.READY);
			long outMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ejectedAt);
			assertThat(outMillis).as("ms ejected").isBetween(ejection.toMillis() - 50, 2_000L);
			assertThat(stats(channel, this.h3).ejectedUntil()).isNull();
			for (int i = 0; i < 30; i++) {
				assertThat(channel.call("serve", new byte[0]).isSuccess()).isTrue();
			}
			assertThat(this.h3.served()).as("calls reaching it once back").isEqualTo(servedWhenEjected + 10);
		}
	}

	@Test
	void whenEveryEndpointFailsThenTheLastReadyOneIsNeverEjected() {
		try (ManagedChannel channel = ManagedChannel
			.create(ejectingChannel(2, Duration.ofSeconds(30), 100, this.h2, this.h3))) {
			awaitAllReady(channel);
			this.h2.control("fail=INTERNAL");
			this.h3.control("fail=INTERNAL");

			for (int i = 0; i < 20; i++) {
				assertThat(channel.call("serve", new byte[0]).errorCode()).isEqualTo(ErrorCode.INTERNAL);
			}

			List<SubchannelStats> endpoints = channel.getStats().endpoints();
			assertThat(endpoints).filteredOn(endpoint -> endpoint.state() == SubchannelState.EJECTED).hasSize(1);
			SubchannelStats last = endpoints.stream()
				.filter(endpoint -> endpoint.state() != SubchannelState.EJECTED)
				.findFirst()
				.orElseThrow();
			assertThat(last.state()).isEqualTo(SubchannelState.READY);
			assertThat(last.ejections()).isZero();
			assertThat(last.consecutiveFailures()).isGreaterThan(2);
			assertThat(this.h2.served() + this.h3.served()).isEqualTo(20);
		}
	}

	@Test
	void whenMoreEndpointsFailThanMayBeEjectedThenOnlyTheAllowedShareIsOut() {
		try (ManagedChannel channel = ManagedChannel
			.create(ejectingChannel(2, Duration.ofSeconds(30), 50, this.h1, this.h2, this.h3))) {
			awaitAllReady(channel);
			this.h2.control("fail=INTERNAL");
			this.h3.control("fail=INTERNAL");

			for (int i = 0; i < 30; i++) {
				channel.call("serve", new byte[0]);
			}

			// Half of three endpoints, rounded down: one may be out.
			assertThat(channel.getStats().endpoints()).filteredOn(endpoint -> endpoint.state() == SubchannelState.EJECTED)
				.hasSize(1);
			assertThat(stats(channel, this.h1).state()).isEqualTo(SubchannelState.READY);
			assertThat(channel.getStats().readyEndpoints()).isEqualTo(2);
		}
	}

	@Test
	void whenAServerFailsEveryCallThenIdempotentCallsAreRetriedOnTheOthersAndOtherCallsAreNot() throws Exception {
		try (ManagedChannel channel = ManagedChannel.create(retryingChannel(this.h1, this.h2, this.h3))) {
			awaitAllReady(channel);
			this.h3.control("fail=INTERNAL");
			CallOptions idempotent = CallOptions.custom().idempotent(true).build();

			for (int i = 0; i < 30; i++) {
				assertThat(pid(channel.call("serve", ByteBuffer.allocate(0), idempotent))).isIn(this.h1.pid(),
						this.h2.pid());
				CallResult async = channel.callAsync("serve", ByteBuffer.allocate(0), idempotent)
					.get(10, TimeUnit.SECONDS);
				assertThat(pid(async)).isIn(this.h1.pid(), this.h2.pid());
			}
			assertThat(this.h3.served()).as("idempotent attempts that failed on h3 and were retried").isPositive();

			int servedBefore = this.h3.served();
			int failures = 0;
			for (int i = 0; i < 30; i++) {
				CallResult result = channel.call("serve", new byte[0]);
				if (!result.isSuccess()) {
					assertThat(result.errorCode()).isEqualTo(ErrorCode.INTERNAL);
					failures++;
				}
			}
			// Round-robin over three: every third call reaches h3, fails there, and is not sent anywhere again.
			assertThat(failures).isEqualTo(10);
			assertThat(this.h3.served() - servedBefore).isEqualTo(failures);
		}
	}

	@Test
	void whenTheOnlyServerFailsAnIdempotentCallThenItIsNotRunThereAgain() {
		try (ManagedChannel channel = ManagedChannel.create(retryingChannel(this.h3))) {
			awaitAllReady(channel);
			this.h3.control("fail=INTERNAL");

			CallResult result = channel.call("serve", ByteBuffer.allocate(0),
					CallOptions.custom().idempotent(true).build());

			assertThat(result.errorCode()).isEqualTo(ErrorCode.INTERNAL);
			assertThat(this.h3.served()).as("runs of the one call").isEqualTo(1);
		}
	}

	/** Retries with short backoffs, no breaker and no ejection: retries alone are under test. */
	private static ChannelConfig retryingChannel(ForkedServer... servers) {
		ChannelConfig.Builder builder = ChannelConfig.custom("TestService")
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.retryPolicy(RetryPolicy.custom()
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(5))
				.build())
			.circuitBreaker(false)
			.health(HealthConfig.custom().ejectionFailures(0).build());
		for (ForkedServer server : servers) {
			builder.endpoint(server.channelEndpoint());
		}
		return builder.build();
	}

	private static ChannelConfig ejectingChannel(int failures, Duration ejection, int maxPercent,
			ForkedServer... servers) {
		ChannelConfig.Builder builder = ChannelConfig.custom("TestService")
			.loadBalancer(LoadBalancer.named(LoadBalancer.ROUND_ROBIN))
			.circuitBreaker(false)
			.health(HealthConfig.custom()
				.ejectionFailures(failures)
				.baseEjectionTime(ejection)
				.maxEjectionTime(ejection.multipliedBy(10))
				.maxEjectionPercent(maxPercent)
				.jitter(0)
				.build());
		for (ForkedServer server : servers) {
			builder.endpoint(server.channelEndpoint());
		}
		return builder.build();
	}

	private static Transition next(BlockingQueue<Transition> transitions) throws InterruptedException {
		Transition next = transitions.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("a state transition within %s", TIMEOUT).isNotNull();
		return next;
	}

	private record Transition(StateTransition transition, long nanos) {

		long millisAfter(Transition earlier) {
			return TimeUnit.NANOSECONDS.toMillis(this.nanos - earlier.nanos);
		}

	}

}
