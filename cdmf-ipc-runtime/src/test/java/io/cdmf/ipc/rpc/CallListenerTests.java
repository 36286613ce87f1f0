package io.cdmf.ipc.rpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.cdmf.ipc.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CallListener} on both sides of a call, over {@code inproc://}.
 */
class CallListenerTests {

	private final String endpoint = "inproc://listener-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private final List<String> clientCalls = new CopyOnWriteArrayList<>();

	private final List<String> serverCalls = new CopyOnWriteArrayList<>();

	private final ServiceStub stub = new ServiceStub(StubConfig.custom("Listened").endpoint(this.endpoint).build());

	private final ServiceProxy proxy = new ServiceProxy(
			ProxyConfig.custom(this.endpoint).serviceName("Listened").build());

	@AfterEach
	void close() {
		this.proxy.close();
		this.stub.stop();
	}

	private void start() {
		this.stub.registerMethod("echo", request -> request);
		this.stub.registerMethod("fail", request -> {
			throw new IllegalStateException("broken");
		});
		this.stub.setCallListener((service, method, transport, outcome, nanos) -> this.serverCalls
			.add(service + "." + method + " " + transport + " " + outcome + " " + (nanos >= 0)));
		this.proxy.setCallListener((service, method, transport, outcome, nanos) -> this.clientCalls
			.add(service + "." + method + " " + transport + " " + outcome + " " + (nanos >= 0)));
		this.stub.start();
	}

	@Test
	void shouldReportEachCallOnceOnBothSidesWithItsOutcome() {
		start();
		this.proxy.call("echo", new byte[] { 1 });
		this.proxy.call("fail", new byte[] { 1 });
		this.proxy.callAsync("echo", new byte[] { 2 }).join();
		assertThat(this.clientCalls).containsExactly("Listened.echo IN_PROCESS OK true",
				"Listened.fail IN_PROCESS INTERNAL true", "Listened.echo IN_PROCESS OK true");
		assertThat(this.serverCalls).containsExactly("Listened.echo IN_PROCESS OK true",
				"Listened.fail IN_PROCESS INTERNAL true", "Listened.echo IN_PROCESS OK true");
	}

	@Test
	void whenMethodIsUnknownThenServerReportsAFixedNameNotTheCallersOne() {
		start();
		assertThat(this.proxy.call("no-such-method", new byte[0]).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
		assertThat(this.serverCalls)
			.containsExactly("Listened." + CallListener.UNKNOWN_METHOD + " IN_PROCESS METHOD_NOT_FOUND true");
	}

	@Test
	void shouldReportOneWaySendsOnTheClient() {
		start();
		assertThat(this.proxy.callOneWay("echo", new byte[] { 1 })).isTrue();
		assertThat(this.clientCalls).containsExactly("Listened.echo IN_PROCESS OK true");
	}

	@Test
	void whenListenerIsRemovedThenNothingIsReported() {
		start();
		this.proxy.setCallListener(null);
		this.stub.setCallListener(null);
		this.proxy.call("echo", new byte[] { 1 });
		assertThat(this.clientCalls).isEmpty();
		assertThat(this.serverCalls).isEmpty();
		assertThat(this.proxy.getInFlightCalls()).isZero();
		// The stub counts a request out just after its reply is sent: wait for that, not a fixed time.
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
		while (this.stub.getInFlightRequests() > 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.stub.getInFlightRequests()).isZero();
	}

}
