package io.cdmf.ipc.observation;

import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * A traced service in a second JVM, for {@link CrossProcessTracingTests}. Argument: the endpoint. Serves
 * {@code Calc.echo} with its own Brave tracer, prints {@code READY <pid> <bound endpoint>} once listening and one
 * {@link TestTracing#line} per finished span.
 */
public final class TracedServerMain {

	private TracedServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		TestTracing tracing = new TestTracing("calc", span -> System.out.println(TestTracing.line(span)));
		ServiceStub stub = new ServiceStub(StubConfig.custom("Calc").endpoint(args[0]).build());
		stub.registerMethod("echo", request -> request);
		stub.setObservationInterceptor(new ObservationServerInterceptor(tracing.registry()));
		stub.start();
		System.out.println("READY " + ProcessHandle.current().pid() + " " + stub.getBoundEndpoints().get(0));
		new CountDownLatch(1).await();
	}

}
