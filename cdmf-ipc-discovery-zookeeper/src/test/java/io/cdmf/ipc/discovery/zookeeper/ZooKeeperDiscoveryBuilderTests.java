package io.cdmf.ipc.discovery.zookeeper;

import java.net.ServerSocket;
import java.time.Duration;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ZooKeeperDiscovery.Builder}: its checks, and a registry that cannot reach ZooKeeper at start-up.
 */
@Timeout(30)
class ZooKeeperDiscoveryBuilderTests {

	@Test
	void defaultsAreExplicit() {
		assertThat(ZooKeeperDiscovery.DEFAULT_SESSION_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
		assertThat(ZooKeeperDiscovery.DEFAULT_CONNECTION_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
		assertThat(ZooKeeperDiscovery.DEFAULT_BASE_PATH).isEqualTo("/cdmf-ipc");
	}

	@Test
	void argumentsOutOfRangeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ZooKeeperDiscovery.builder(" "))
			.withMessageContaining("connectString");
		ZooKeeperDiscovery.Builder builder = ZooKeeperDiscovery.builder("localhost:2181");
		for (String basePath : new String[] { "cdmf-ipc", "/cdmf-ipc/", "/a//b", "/a/./b", "" }) {
			assertThatIllegalArgumentException().as(basePath).isThrownBy(() -> builder.basePath(basePath))
				.withMessageContaining("basePath");
		}
		builder.basePath("/");
		builder.basePath("/apps/cdmf-ipc");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.sessionTimeout(Duration.ofMillis(999)))
			.withMessageContaining("sessionTimeout must be between 1000 ms and 600000 ms");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectionTimeout(Duration.ofMillis(99)))
			.withMessageContaining("connectionTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.sessionTimeout(Duration.ofSeconds(3)).connectionTimeout(Duration.ofSeconds(4))
				.build())
			.withMessageContaining("connectionTimeout (4000 ms) must not exceed sessionTimeout (3000 ms)");
	}

	@Test
	void givenClientMustBeStartedAndKeepsItsOwnSessionTimeout() {
		try (CuratorFramework client = CuratorFrameworkFactory.newClient("localhost:1", new RetryOneTime(10))) {
			ZooKeeperDiscovery.Builder builder = ZooKeeperDiscovery.builder(client);
			assertThatIllegalStateException().isThrownBy(() -> builder.sessionTimeout(Duration.ofSeconds(5)))
				.withMessageContaining("set it where that client is built");
			assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("must be started");
		}
	}

	@Test
	void registryThatCannotReachZooKeeperFailsToBuildNamingTheConnectString() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String connectString = "127.0.0.1:" + closedPort;

		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> ZooKeeperDiscovery.builder(connectString)
				.connectionTimeout(Duration.ofMillis(500))
				.build())
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE))
			.withMessageContaining("ZooKeeper at " + connectString + " could not be reached within 500 ms");
	}

}
