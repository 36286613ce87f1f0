package io.cdmf.ipc.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.rpc.ServerInterceptor;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.Await;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace context crosses every transport in the message headers: a client traced by one tracer calls a service
 * traced by another (each with its own current context, as in two processes), and the server span is the child of
 * the client span. The cross-process version is {@link CrossProcessTracingContract}.
 * The cases over the transports of another module ({@code cdmf-ipc-grpc}, {@code cdmf-ipc-journal}) are
 * subclasses in that module, run with its transport on the class path.
 */
abstract class TracePropagationContract {

	private static final TracedEndpoints ENDPOINTS = new TracedEndpoints();

	@AfterAll
	static void cleanUp() {
		ENDPOINTS.close();
	}

	void assertTraced(String scheme) {
		boolean oneWay = scheme.equals("shm+journal");
		Map<String, String> received = new ConcurrentHashMap<>();
		try (TestTracing client = new TestTracing("caller"); TestTracing server = new TestTracing("calc")) {
			ServiceStub stub = new ServiceStub(
					StubConfig.custom("Calc").endpoint(ENDPOINTS.endpoint(scheme)).build());
			stub.registerMethod("echo", request -> request);
			stub.setObservationInterceptor(new ObservationServerInterceptor(server.registry()));
			stub.addInterceptor(new ServerInterceptor() {
				@Override
				public void onRequest(ServerCall call) {
					call.request().getMetadata().getHeaders().forEach(received::put);
				}
			});
			stub.start();
			try (stub; ServiceProxy proxy = new ServiceProxy(ChannelConfig.custom("Calc")
				.endpoint(ChannelEndpoint.of(stub.getBoundEndpoints().get(0)))
				.defaultTimeout(Duration.ofSeconds(10))
				.interceptor(new ObservationClientInterceptor(client.registry()))
				.build())) {
				if (oneWay) {
					assertThat(proxy.callOneWay("echo", new byte[] { 1 })).isTrue();
				}
				else {
					assertThat(proxy.call("echo", new byte[] { 1 }).isSuccess()).isTrue();
				}
				Await.until("the server span over " + scheme, Duration.ofSeconds(10),
						() -> !server.spans().isEmpty());
			}
			FinishedSpan clientSpan = single(client.spans());
			FinishedSpan serverSpan = single(server.spans());
			assertThat(clientSpan.getKind()).isEqualTo(oneWay ? Span.Kind.PRODUCER : Span.Kind.CLIENT);
			assertThat(serverSpan.getKind()).isEqualTo(oneWay ? Span.Kind.CONSUMER : Span.Kind.SERVER);
			assertThat(clientSpan.getName()).isEqualTo("Calc/echo");
			assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId());
			assertThat(serverSpan.getParentId()).isEqualTo(clientSpan.getSpanId());
			assertThat(serverSpan.getTags()).containsEntry("transport", scheme).containsEntry("outcome", "OK");
			assertThat(received).containsEntry("traceparent",
					"00-" + clientSpan.getTraceId() + "-" + clientSpan.getSpanId() + "-01");
		}
	}

	private static FinishedSpan single(List<FinishedSpan> spans) {
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

}
