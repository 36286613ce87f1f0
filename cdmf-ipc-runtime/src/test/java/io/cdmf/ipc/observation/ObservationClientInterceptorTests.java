package io.cdmf.ipc.observation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.IpcRejectedException;
import io.cdmf.ipc.IpcTimeoutException;
import io.cdmf.ipc.IpcUnavailableException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ObservationClientInterceptor} on a channel over {@code inproc://}: one observation per call, stopped once,
 * whatever ended the call.
 */
class ObservationClientInterceptorTests {

	private final String endpoint = "inproc://observed-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final StopCounter stops = new StopCounter();

	private final CountDownLatch release = new CountDownLatch(1);

	private final ServiceStub stub = new ServiceStub(StubConfig.custom("Calc").endpoint(this.endpoint).build());

	private ServiceProxy proxy;

	@AfterEach
	void close() {
		assertThat(this.stops.eachStoppedOnce()).as("every observation stopped exactly once").isTrue();
		this.release.countDown();
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.stub.stop();
	}

	private ServiceProxy start(ClientInterceptor... more) {
		this.registry.observationConfig().observationHandler(this.stops);
		this.stub.registerMethod("echo", request -> request);
		this.stub.registerMethod("fail", request -> {
			throw new IllegalStateException("broken");
		});
		this.stub.registerMethod("slow", request -> {
			this.release.await();
			return request;
		});
		this.stub.start();
		ChannelConfig.Builder config = ChannelConfig.custom("Calc")
			.endpoint(ChannelEndpoint.of(this.endpoint))
			.defaultTimeout(Duration.ofSeconds(5))
			.interceptor(new ObservationClientInterceptor(this.registry));
		for (ClientInterceptor interceptor : more) {
			config.interceptor(interceptor);
		}
		this.proxy = new ServiceProxy(config.build());
		return this.proxy;
	}

	@Test
	void shouldObserveASuccessfulCallWithItsTags() {
		assertThat(start().call("echo", new byte[] { 1 }).isSuccess()).isTrue();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasSingleObservationThat()
			.hasNameEqualTo("cdmf.ipc.client.calls")
			.hasContextualNameEqualTo("Calc/echo")
			.hasLowCardinalityKeyValue("service", "Calc")
			.hasLowCardinalityKeyValue("method", "echo")
			.hasLowCardinalityKeyValue("transport", "inproc")
			.hasLowCardinalityKeyValue("outcome", "OK")
			.hasHighCardinalityKeyValue("cdmf.ipc.attempts", "1")
			.hasHighCardinalityKeyValue("cdmf.ipc.endpoint", this.endpoint)
			.doesNotHaveError()
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(context().getKind()).isEqualTo(Kind.CLIENT);
		assertThat(context().getRemoteServiceName()).isEqualTo("Calc");
	}

	@Test
	void whenHandlerFailsThenObservationHasTheOutcomeAndTheError() {
		assertThat(start().call("fail", new byte[] { 1 }).errorCode()).isEqualTo(ErrorCode.INTERNAL);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "INTERNAL")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(RemoteIpcException.class);
	}

	@Test
	void whenCallTimesOutThenObservationStopsOnceWithTimeout() {
		assertThat(start().call("echo", new byte[] { 0 }).isSuccess()).isTrue();
		CallResult result = this.proxy.call("slow", new byte[] { 1 }, Duration.ofMillis(100));
		assertThat(result.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
		this.release.countDown();
		// A late answer must not stop the observation again (TestObservationRegistry fails a second stop).
		assertThat(this.proxy.call("echo", new byte[] { 2 }).isSuccess()).isTrue();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(3);
		assertThat(this.registry).hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("outcome",
				"TIMEOUT").assertThatError().isInstanceOf(IpcTimeoutException.class));
		assertThat(this.stops.started()).hasSize(3);
	}

	@Test
	void shouldStopAnAsyncCallsObservationBeforeTheCallerSeesTheResult() {
		CallResult result = start().callAsync("echo", new byte[] { 1 }).join();
		assertThat(result.isSuccess()).isTrue();
		assertThat(this.registry).hasSingleObservationThat().hasLowCardinalityKeyValue("outcome", "OK").hasBeenStopped();
	}

	@Test
	void whenNoServerListensThenAsyncCallIsObservedAsUnavailable() {
		this.registry.observationConfig().observationHandler(this.stops);
		ServiceProxy lonely = new ServiceProxy(ChannelConfig.custom("Nobody")
			.endpoint(ChannelEndpoint.of("unix:///tmp/cdmf-no-such-" + ThreadLocalRandom.current().nextInt() + ".sock"))
			.defaultTimeout(Duration.ofMillis(300))
			.interceptor(new ObservationClientInterceptor(this.registry))
			.build());
		try (lonely) {
			assertThat(lonely.callAsync("echo", new byte[] { 1 }).join().errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		}
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "UNAVAILABLE")
			.hasLowCardinalityKeyValue("transport", "unix")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(IpcUnavailableException.class);
	}

	@Test
	void whenCircuitIsOpenThenCallIsObservedAsRefused() {
		start();
		this.proxy.getChannel().getCircuitBreaker().transitionToForcedOpenState();
		assertThat(this.proxy.call("echo", new byte[] { 1 }).errorCode()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "CIRCUIT_OPEN")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(IpcRejectedException.class);
	}

	@Test
	void whenALaterInterceptorRefusesTheCallThenItIsObservedWithTheRefusal() {
		start(new ClientInterceptor() {
			@Override
			public void beforeCall(ClientCall call) {
				throw new IpcException(ErrorCode.PERMISSION_DENIED, "no token");
			}
		});
		assertThat(this.proxy.callAsync("echo", new byte[] { 1 }).join().errorCode())
			.isEqualTo(ErrorCode.PERMISSION_DENIED);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "PERMISSION_DENIED")
			.hasHighCardinalityKeyValue("cdmf.ipc.attempts", "0")
			.hasBeenStopped();
	}

	@Test
	void shouldObserveAOneWaySendAsAProducer() {
		assertThat(start().callOneWay("echo", new byte[] { 1 })).isTrue();
		assertThat(this.registry).hasSingleObservationThat().hasLowCardinalityKeyValue("outcome", "OK").hasBeenStopped();
		assertThat(context().getKind()).isEqualTo(Kind.PRODUCER);
	}

	@Test
	void shouldMakeTheCallersCurrentObservationTheParent() {
		start();
		Observation parent = Observation.start("checkout", this.registry);
		try (Observation.Scope scope = parent.openScope()) {
			this.proxy.call("echo", new byte[] { 1 });
		}
		parent.stop();
		assertThat(context().getParentObservation()).isSameAs(parent);
	}

	private IpcClientObservationContext context() {
		return this.stops.started()
			.stream()
			.filter(IpcClientObservationContext.class::isInstance)
			.map(IpcClientObservationContext.class::cast)
			.findFirst()
			.orElseThrow();
	}

}
