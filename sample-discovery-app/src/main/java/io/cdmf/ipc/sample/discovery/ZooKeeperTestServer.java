package io.cdmf.ipc.sample.discovery;

import java.util.concurrent.CountDownLatch;

import org.apache.curator.test.TestingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper server for the demo and the tests, so that nothing is installed by hand: Curator's
 * {@link TestingServer} (a real ZooKeeper server in this JVM, with its data in a temporary directory) on a free port.
 * Prints {@code READY <connect string>} once it serves, and on SIGTERM stops and removes its data. Not for production:
 * one server, no persistence worth the name.
 * <p>
 * Option: {@code --port} (default: a free port).
 *
 * @since 0.1.0
 */
public final class ZooKeeperTestServer {

	private static final Logger logger = LoggerFactory.getLogger(ZooKeeperTestServer.class);

	private ZooKeeperTestServer() {
	}

	/**
	 * Runs the server until SIGTERM.
	 * @param args the options in the class comment
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		SampleOptions options = SampleOptions.parse(args);
		int port = options.getInt("port", -1);
		TestingServer server = (port > 0) ? new TestingServer(port, true) : new TestingServer(true);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
				logger.info("ZooKeeper test server on {} stopped", server.getConnectString());
			}
			catch (Exception ex) {
				logger.warn("Stopping the ZooKeeper test server on {} failed", server.getConnectString(), ex);
			}
			stopped.countDown();
		}, "zookeeper-test-server-shutdown"));
		logger.info("ZooKeeper test server serving on {} (data in {})", server.getConnectString(),
				server.getTempDirectory());
		System.out.println("READY " + server.getConnectString());
		stopped.await();
	}

}
