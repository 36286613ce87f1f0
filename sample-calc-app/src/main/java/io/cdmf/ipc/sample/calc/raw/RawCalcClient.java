package io.cdmf.ipc.sample.calc.raw;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ProxyStats;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * Calls the calculator in another process and prints what happened. Argument: the endpoint, default
 * {@code unix:///tmp/cdmf_calc.sock}. Exits with 1 if a call that should succeed fails.
 */
public final class RawCalcClient {

	private RawCalcClient() {
	}

	/**
	 * Runs the client.
	 * @param args the endpoint, optional
	 */
	public static void main(String[] args) {
		String endpoint = (args.length > 0) ? args[0] : "unix:///tmp/cdmf_calc.sock";
		boolean ok = true;
		try (ServiceProxy calculator = new ServiceProxy(
				ProxyConfig.custom(endpoint).serviceName("CalculationService").defaultTimeout(Duration.ofSeconds(5)).build())) {
			calculator.connect();
			System.out.println("Connected to " + endpoint);
			ok &= print("add(20, 22)", calculator.call("add", RawCalcProtocol.request(20, 22)), true);
			ok &= print("multiply(6, 7)", calculator.call("multiply", RawCalcProtocol.request(6, 7)), true);
			ok &= print("divide(84, 2)", calculator.call("divide", RawCalcProtocol.request(84, 2)), true);
			ok &= print("divide(1, 0)", calculator.call("divide", RawCalcProtocol.request(1, 0)), false);
			ok &= print("sqrt(2)", calculator.call("sqrt", RawCalcProtocol.request(2, 0)), false);
			CompletableFuture<CallResult> async = calculator.callAsync("multiply", RawCalcProtocol.request(1000, 1000));
			ok &= print("async multiply(1000, 1000)", async.join(), true);
			boolean sent = calculator.callOneWay("log", "hello from the client".getBytes(StandardCharsets.UTF_8));
			System.out.println("one-way log(...) sent: " + sent);
			for (int i = 0; i < 10_000; i++) {
				calculator.call("add", RawCalcProtocol.request(i, i));
			}
			ProxyStats stats = calculator.getStats();
			System.out.printf("%d calls, %d ok, %d failed; round trip p50 %d us, p99 %d us%n", stats.calls(),
					stats.successes(), stats.failures(), stats.latency().p50Micros(), stats.latency().p99Micros());
		}
		System.exit(ok ? 0 : 1);
	}

	private static boolean print(String call, CallResult result, boolean shouldSucceed) {
		if (result.isSuccess()) {
			System.out.println(call + " = " + RawCalcProtocol.result(result.data()));
		}
		else {
			System.out.println(call + " failed: " + result.errorCode() + " - " + result.errorMessage());
		}
		return result.isSuccess() == shouldSucceed;
	}

}
