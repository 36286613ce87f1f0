package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Makes the Curator client of a {@link ZooKeeperDiscovery} that was given a connect string.
 */
final class CuratorClients {

	/** First pause before an operation is retried after a connection loss; it doubles each time. */
	private static final int RETRY_BASE_SLEEP_MILLIS = 100;

	/**
	 * Retries of one operation. Few, because each waits up to the connection timeout for a connection: the registry
	 * does not rely on them (it reads and registers again on every reconnect), and its thread should not be held
	 * for long by an operation that cannot succeed.
	 */
	private static final int MAX_RETRIES = 3;

	private static final int RETRY_MAX_SLEEP_MILLIS = 1000;

	private CuratorClients() {
	}

	static CuratorFramework create(String connectString, Duration sessionTimeout, Duration connectionTimeout) {
		return CuratorFrameworkFactory.builder()
			.connectString(connectString)
			.sessionTimeoutMs((int) sessionTimeout.toMillis())
			.connectionTimeoutMs((int) connectionTimeout.toMillis())
			.retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_SLEEP_MILLIS, MAX_RETRIES, RETRY_MAX_SLEEP_MILLIS))
			.build();
	}

}
