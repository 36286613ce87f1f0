package io.cdmf.ipc.sample.calc.raw;

import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code add}, {@code multiply} and {@code divide} on a Unix socket until stopped (SIGTERM or Ctrl-C).
 * Argument: the endpoint, default {@code unix:///tmp/cdmf_calc.sock}.
 */
public final class RawCalcServer {

	private static final Logger logger = LoggerFactory.getLogger(RawCalcServer.class);

	private RawCalcServer() {
	}

	/**
	 * Runs the server.
	 * @param args the endpoint, optional
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		String endpoint = (args.length > 0) ? args[0] : "unix:///tmp/cdmf_calc.sock";
		ServiceStub stub = new ServiceStub(
				StubConfig.custom("CalculationService").version("1.0.0").endpoint(endpoint).build());
		stub.registerMethod("add", request -> RawCalcProtocol
			.result((long) RawCalcProtocol.first(request) + RawCalcProtocol.second(request)));
		stub.registerMethod("multiply", request -> RawCalcProtocol
			.result((long) RawCalcProtocol.first(request) * RawCalcProtocol.second(request)));
		stub.registerMethod("divide", request -> {
			int divisor = RawCalcProtocol.second(request);
			if (divisor == 0) {
				throw new ArithmeticException("division by zero");
			}
			return RawCalcProtocol.result(RawCalcProtocol.first(request) / divisor);
		});
		stub.registerMethod("log", request -> {
			logger.info("Client says: {}", new String(request, java.nio.charset.StandardCharsets.UTF_8));
			return null;
		});
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			logger.info("Server handled {}", stub.getStats());
			stub.stop();
			stopped.countDown();
		}, "calc-server-shutdown"));
		System.out.println("READY pid " + ProcessHandle.current().pid() + " on " + endpoint);
		stopped.await();
	}

}
