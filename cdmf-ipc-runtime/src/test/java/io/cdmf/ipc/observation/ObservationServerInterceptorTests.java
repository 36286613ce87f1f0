package io.cdmf.ipc.observation;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcAuthenticationException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.Await;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ObservationServerInterceptor} on a stub over {@code inproc://}: one observation per request, open while the
 * handler runs, stopped once with the outcome the caller gets, refusals included.
 */
class ObservationServerInterceptorTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final String endpoint = "inproc://served-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final StopCounter stops = new StopCounter();

	private final AtomicReference<Observation> inHandler = new AtomicReference<>();

	private final ServiceStub stub = new ServiceStub(StubConfig.custom("Calc").endpoint(this.endpoint).build());

	private final ServiceProxy proxy = new ServiceProxy(
			ProxyConfig.custom(this.endpoint).serviceName("Calc").defaultTimeout(Duration.ofSeconds(5)).build());

	@BeforeEach
	void start() {
		this.registry.observationConfig().observationHandler(this.stops);
		this.stub.registerMethod("echo", request -> {
			this.inHandler.set(this.registry.getCurrentObservation());
			return request;
		});
		this.stub.registerMethod("fail", request -> {
			throw new IllegalStateException("broken");
		});
		this.stub.setObservationInterceptor(new ObservationServerInterceptor(this.registry));
		this.stub.start();
	}

	@AfterEach
	void close() {
		this.proxy.close();
		this.stub.stop();
		assertThat(this.stops.eachStoppedOnce()).as("every observation stopped exactly once").isTrue();
	}

	@Test
	void shouldObserveARequestAndOpenItWhileTheHandlerRuns() {
		assertThat(this.proxy.call("echo", new byte[] { 1 }).isSuccess()).isTrue();
		awaitStopped(1);
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("cdmf.ipc.server.calls")
			.hasContextualNameEqualTo("Calc/echo")
			.hasLowCardinalityKeyValue("service", "Calc")
			.hasLowCardinalityKeyValue("method", "echo")
			.hasLowCardinalityKeyValue("transport", "inproc")
			.hasLowCardinalityKeyValue("outcome", "OK")
			.doesNotHaveError();
		IpcServerObservationContext context = context();
		assertThat(context.getKind()).isEqualTo(Kind.SERVER);
		assertThat(this.inHandler.get()).isNotNull();
		assertThat(this.inHandler.get().getContext()).isSameAs(context);
	}

	@Test
	void shouldReadTheCallersHeadersThroughTheGetter() {
		ServiceProxy tagged = new ServiceProxy(ChannelConfig.custom("Calc")
			.endpoint(ChannelEndpoint.of(this.endpoint))
			.interceptor(new ClientInterceptor() {
				@Override
				public void beforeCall(ClientCall call) {
					call.requestMetadata().setHeader("traceparent", TRACEPARENT);
				}
			})
			.build());
		try (tagged) {
			assertThat(tagged.call("echo", new byte[] { 1 }).isSuccess()).isTrue();
		}
		awaitStopped(1);
		IpcServerObservationContext context = context();
		MessageMetadata carrier = context.getCarrier();
		assertThat(context.getGetter().get(carrier, "traceparent"))
			.isEqualTo(TRACEPARENT);
		assertThat(context.getGetter().get(carrier, "tracestate")).isNull();
	}

	@Test
	void whenHandlerFailsThenObservationHasTheOutcomeAndTheError() {
		assertThat(this.proxy.call("fail", new byte[] { 1 }).errorCode()).isEqualTo(ErrorCode.INTERNAL);
		awaitStopped(1);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "INTERNAL")
			.assertThatError()
			.isInstanceOf(RemoteIpcException.class);
	}

	@Test
	void whenAuthenticationRefusesThenTheRefusalIsObserved() {
		this.stub.setAuthenticationHandler((request, peer) -> false);
		assertThat(this.proxy.call("echo", new byte[] { 1 }).errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		awaitStopped(1);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "UNAUTHENTICATED")
			.assertThatError()
			.isInstanceOf(IpcAuthenticationException.class);
		assertThat(this.inHandler.get()).isNull();
	}

	@Test
	void whenMethodIsUnknownThenItIsObservedUnderAFixedName() {
		assertThat(this.proxy.call("no-such", new byte[] { 1 }).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
		awaitStopped(1);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("method", "UNKNOWN")
			.hasLowCardinalityKeyValue("outcome", "METHOD_NOT_FOUND");
	}

	@Test
	void shouldObserveAOneWayRequestAsAConsumer() {
		assertThat(this.proxy.callOneWay("echo", new byte[] { 1 })).isTrue();
		awaitStopped(1);
		assertThat(this.registry).hasSingleObservationThat().hasLowCardinalityKeyValue("outcome", "OK");
		assertThat(context().getKind()).isEqualTo(Kind.CONSUMER);
	}

	private void awaitStopped(int count) {
		// The stub completes a request just before it sends the answer; a one-way one after the caller returned.
		Await.until("server observations stopped", Duration.ofSeconds(5),
				() -> this.stops.started().size() == count && this.stops.eachStoppedOnce());
	}

	private IpcServerObservationContext context() {
		return this.stops.started()
			.stream()
			.filter(IpcServerObservationContext.class::isInstance)
			.map(IpcServerObservationContext.class::cast)
			.findFirst()
			.orElseThrow();
	}

}
