package io.cdmf.ipc.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.RetryPolicy;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.EndpointUri;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lost datagram over {@code udp://}: the call times out, the proxy's retry policy sends it again under the same
 * message id, and the stub answers the repeat from its cache, so the handler runs once.
 */
class UdpRetryTests {

	@Test
	void whenAResponseIsLostThenTheRetryIsAnsweredWithoutRunningTheHandlerAgain() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Counter").endpoint("udp://127.0.0.1:0").build())) {
			stub.registerMethod("increment", request -> Integer.toString(runs.incrementAndGet()).getBytes());
			stub.start();
			int serverPort = EndpointUri.parse(stub.getBoundEndpoints().get(0)).port();
			try (LossyRelay relay = new LossyRelay(serverPort, 1)) {
				RetryPolicy retry = RetryPolicy.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build();
				try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom("udp://127.0.0.1:" + relay.port())
					.retryPolicy(retry)
					.defaultTimeout(Duration.ofMillis(300))
					.build())) {
					CallResult result = proxy.call("increment", new byte[0]);
					assertThat(result.isSuccess()).as(result.toString()).isTrue();
					assertThat(new String(result.data())).isEqualTo("1");
					assertThat(proxy.getStats().retries()).isEqualTo(1);
				}
			}
			assertThat(runs).hasValue(1);
			assertThat(stub.getStats().duplicates()).isEqualTo(1);
		}
	}

	@Test
	void whenEveryDatagramIsLostThenTheCallTimesOut() throws Exception {
		try (LossyRelay relay = new LossyRelay(9, Integer.MAX_VALUE);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of("udp://127.0.0.1:" + relay.port()))) {
			CallResult result = proxy.call("anything", new byte[0], Duration.ofMillis(200));
			assertThat(result.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
		}
	}

	/**
	 * Forwards datagrams between one client and a server on loopback, dropping the first {@code drops} answers.
	 */
	static final class LossyRelay implements AutoCloseable {

		private final DatagramChannel channel;

		private final InetSocketAddress server;

		private final Thread thread;

		private final AtomicInteger toDrop;

		private volatile SocketAddress client;

		LossyRelay(int serverPort, int drops) throws IOException {
			this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
			this.server = new InetSocketAddress("127.0.0.1", serverPort);
			this.toDrop = new AtomicInteger(drops);
			this.thread = new Thread(this::relay, "lossy-relay");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int port() throws IOException {
			return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
		}

		private void relay() {
			ByteBuffer buffer = ByteBuffer.allocate(65536);
			try {
				while (true) {
					buffer.clear();
					SocketAddress from = this.channel.receive(buffer);
					buffer.flip();
					if (!from.equals(this.server)) {
						this.client = from;
						this.channel.send(buffer, this.server);
					}
					else if (this.toDrop.getAndDecrement() <= 0 && this.client != null) {
						this.channel.send(buffer, this.client);
					}
				}
			}
			catch (IOException ex) {
				// Closed: the relay ends.
			}
		}

		@Override
		public void close() throws Exception {
			this.channel.close();
			this.thread.join(5_000);
		}

	}

}
