package io.cdmf.ipc.benchmark.peers.dubbo;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.benchmark.AppHarness;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * The Dubbo echo server: one {@link EchoService} exported on {@code --protocol} and {@code --port}, no registry,
 * Dubbo's defaults otherwise; prints {@value AppHarness#READY} once exported and serves until the benchmark ends it.
 *
 * @since 0.1.0
 */
public final class DubboEchoServer {

	private DubboEchoServer() {
	}

	/**
	 * Starts the server.
	 * @param args {@code --protocol=dubbo|tri --port=N}
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		DubboArgs options = DubboArgs.parse(args);
		ServiceConfig<EchoService> service = new ServiceConfig<>();
		service.setInterface(EchoService.class);
		service.setRef((payload) -> payload);
		DubboBootstrap.getInstance()
			.application(DubboArgs.application("cdmf-bench-dubbo-server"))
			.registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
			.protocol(new ProtocolConfig(options.protocol(), options.port()))
			.service(service)
			.start();
		AppHarness.announceReady(ManagementFactory.getRuntimeMXBean().getUptime());
		// Serves on Dubbo's threads until the benchmark destroys this JVM.
		new CountDownLatch(1).await();
	}

}
