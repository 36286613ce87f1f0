package io.cdmf.ipc.observation;

import java.time.Duration;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.channel.ChannelEndpoint;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace across two JVMs: a client span in this process, under an application span, and the server span in a
 * forked one ({@link TracedServerMain}), over the transports where processes differ most in how bytes travel.
 * The cases over the transports of another module ({@code cdmf-ipc-grpc}, {@code cdmf-ipc-journal}) are
 * subclasses in that module, run with its transport on the class path.
 */
abstract class CrossProcessTracingContract {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final TracedEndpoints ENDPOINTS = new TracedEndpoints();

	@AfterAll
	static void cleanUp() {
		ENDPOINTS.close();
	}

	void assertTraced(String scheme) {
		boolean oneWay = scheme.equals("shm+journal");
		try (ForkedJvm server = ForkedJvm.start(TracedServerMain.class, ENDPOINTS.endpoint(scheme));
				TestTracing client = new TestTracing("caller")) {
			String[] ready = server.awaitLine("READY", STARTUP).split(" ");
			try (ServiceProxy proxy = new ServiceProxy(ChannelConfig.custom("Calc")
				.endpoint(ChannelEndpoint.of(ready[2]))
				.defaultTimeout(Duration.ofSeconds(10))
				.interceptor(new ObservationClientInterceptor(client.registry()))
				.build())) {
				Observation checkout = Observation.start("checkout", client.registry());
				try (Observation.Scope scope = checkout.openScope()) {
					if (oneWay) {
						assertThat(proxy.callOneWay("echo", new byte[] { 1 })).isTrue();
					}
					else {
						assertThat(proxy.call("echo", new byte[] { 1 }).isSuccess()).isTrue();
					}
				}
				checkout.stop();
			}
			String[] serverSpan = server.awaitLine(oneWay ? "SPAN CONSUMER" : "SPAN SERVER", Duration.ofSeconds(30))
				.split(" ");
			FinishedSpan clientSpan = client.spans()
				.stream()
				.filter(span -> span.getName().equals("Calc/echo"))
				.findFirst()
				.orElseThrow();
			FinishedSpan application = client.spans()
				.stream()
				.filter(span -> span.getName().equals("checkout"))
				.findFirst()
				.orElseThrow();
			assertThat(clientSpan.getParentId()).isEqualTo(application.getSpanId());
			assertThat(serverSpan[2]).isEqualTo("Calc/echo");
			assertThat(serverSpan[3]).as("trace id in the server process").isEqualTo(clientSpan.getTraceId());
			assertThat(serverSpan[5]).as("parent of the server span").isEqualTo(clientSpan.getSpanId());
			assertThat(serverSpan[4]).isNotEqualTo(clientSpan.getSpanId());
		}
	}

}
