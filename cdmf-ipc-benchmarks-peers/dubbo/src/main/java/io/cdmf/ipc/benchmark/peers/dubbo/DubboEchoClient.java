package io.cdmf.ipc.benchmark.peers.dubbo;

import java.io.IOException;

import io.cdmf.ipc.benchmark.AppHarness;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dubbo echo client: one reference to {@link EchoService} on a direct URL ({@code --protocol} to
 * {@code 127.0.0.1:--port}), Dubbo's defaults but a 30 s timeout, shared by every caller; runs the benchmark's caller loop,
 * prints the result and exits.
 *
 * @since 0.1.0
 */
public final class DubboEchoClient {

	private static final Logger logger = LoggerFactory.getLogger(DubboEchoClient.class);

	private DubboEchoClient() {
	}

	/**
	 * Connects, measures, and exits.
	 * @param args {@code --protocol=dubbo|tri --port=N}
	 */
	public static void main(String[] args) {
		DubboArgs options = DubboArgs.parse(args);
		ReferenceConfig<EchoService> reference = new ReferenceConfig<>();
		reference.setInterface(EchoService.class);
		reference.setUrl(options.protocol() + "://127.0.0.1:" + options.port());
		// The one setting changed: Dubbo's default timeout (1 s, 3 s on triple) fails warm-up calls on a busy machine;
		// 30 s is what the starter's clients wait by default.
		reference.setTimeout(DubboArgs.TIMEOUT_MILLIS);
		int status = 0;
		try {
			DubboBootstrap.getInstance()
				.application(DubboArgs.application("cdmf-bench-dubbo-client"))
				.reference(reference)
				.start();
			EchoService echo = reference.get();
			AppHarness.runCallers(echo::echo);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("The benchmark's calls through Dubbo failed", ex);
			status = 1;
		}
		DubboBootstrap.getInstance().stop();
		System.exit(status);
	}

}
