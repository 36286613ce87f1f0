package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.TIMEOUT;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.call;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.request;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link UnixDatagramTransport}: calls between a server and clients, limits and the client life cycle.
 * Bad datagrams and socket files are covered by {@link UnixDatagramTransportServerTests}.
 */
class UnixDatagramTransportTests {

	private UnixDatagramTestSupport support;

	@BeforeEach
	void setUp() throws IOException {
		this.support = new UnixDatagramTestSupport();
	}

	@AfterEach
	void tearDown() throws IOException {
		this.support.close();
	}

	@Test
	void shouldAnswerRequestWithResponse() throws Exception {
		CompletableFuture<Message> received = new CompletableFuture<>();
		UnixDatagramTransport server = this.support.transport(this.support.config("calc.sock").build());
		server.setMessageCallback((message) -> {
			received.complete(message);
			server.send(message.createResponse().setPayload(("re:" + text(message)).getBytes()));
		});
		server.start();
		UnixDatagramTransport client = this.support.client("calc.sock");
		CompletableFuture<Message> reply = new CompletableFuture<>();
		client.setMessageCallback(reply::complete);
		Message request = request("ping");
		client.send(request);
		Message response = reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(response.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(response.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(text(response)).isEqualTo("re:ping");
		assertThat(response.getOrigin()).isInstanceOfSatisfying(Connection.class,
				(origin) -> assertThat(origin.describe()).contains(this.support.path("calc.sock").toString()));
		Connection sender = (Connection) received.get().getOrigin();
		assertThat(sender.describe()).contains(String.valueOf(client.getLocalPath()));
		assertThat(sender.peerCredentials()).isEqualTo(PeerCredentials.UNKNOWN);
		assertThat(sender.isOpen()).isTrue();
		assertThat(server.getStats().messagesReceived()).isEqualTo(1);
		assertThat(client.getStats().messagesSent()).isEqualTo(1);
		assertThat(server.getStats().connectionsOpened()).isEqualTo(1);
	}

	@Test
	void shouldRouteRepliesToEachOfManyConcurrentClients() throws Exception {
		this.support.echoServer("busy.sock");
		int clients = 3;
		int perClient = 200;
		List<Set<MessageId>> sent = new ArrayList<>();
		List<BlockingQueue<Message>> replies = new ArrayList<>();
		List<CountDownLatch> done = new ArrayList<>();
		List<UnixDatagramTransport> transports = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			UnixDatagramTransport client = this.support.client("busy.sock");
			BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
			CountDownLatch latch = new CountDownLatch(perClient);
			client.setMessageCallback((message) -> {
				queue.add(message);
				latch.countDown();
			});
			sent.add(ConcurrentHashMap.newKeySet());
			replies.add(queue);
			done.add(latch);
			transports.add(client);
		}
		ExecutorService executor = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> sends = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				for (int half = 0; half < 2; half++) {
					int client = i;
					sends.add(executor.submit(() -> {
						for (int n = 0; n < perClient / 2; n++) {
							Message request = request("client-" + client);
							sent.get(client).add(request.getMessageId());
							transports.get(client).send(request);
						}
					}));
				}
			}
			for (Future<?> send : sends) {
				send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (int i = 0; i < clients; i++) {
			assertThat(done.get(i).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			List<Message> own = new ArrayList<>(replies.get(i));
			assertThat(own).hasSize(perClient);
			assertThat(own).extracting((reply) -> reply.getHeader().getCorrelationId())
				.containsExactlyInAnyOrderElementsOf(sent.get(i));
			String expected = "client-" + i;
			assertThat(own).allSatisfy((reply) -> assertThat(text(reply)).isEqualTo(expected));
		}
	}

	@Test
	void shouldQueueMessagesForReceiveWhenNoCallbackIsSet() {
		UnixDatagramTransport server = this.support.transport(this.support.config("poll.sock").build());
		server.start();
		UnixDatagramTransport client = this.support.client("poll.sock");
		assertThat(client.receive(Duration.ZERO)).isNull();
		Message request = request("polled");
		client.send(request);
		Message received = server.receive(TIMEOUT);
		assertThat(received).isNotNull();
		assertThat(received.getMessageId()).isEqualTo(request.getMessageId());
		assertThat(text(received)).isEqualTo("polled");
		server.send(received.createResponse().setPayload("answer".getBytes()));
		Message reply = client.receive(TIMEOUT);
		assertThat(reply).isNotNull();
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(text(reply)).isEqualTo("answer");
		assertThat(server.receive(Duration.ofMillis(20))).isNull();
	}

	@Test
	void shouldRejectMessageAboveDatagramLimitBeforeSending() {
		String endpoint = this.support.endpoint("small.sock") + "?max-datagram-size=2048";
		UnixDatagramTransport server = this.support.echoServer(TransportConfig.of(endpoint));
		UnixDatagramTransport client = this.support.client(TransportConfig.of(endpoint));
		assertThat(client.getMaxDatagramSize()).isEqualTo(2048);
		assertThatThrownBy(() -> client.send(request("x".repeat(4000)))).isInstanceOfSatisfying(IpcException.class,
				(ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
					assertThat(ex.getMessage()).contains("2048").contains("max-datagram-size");
				});
		assertThat(text(call(client, request("small")))).isEqualTo("small");
		assertThat(server.getStats().messagesReceived()).isEqualTo(1);
		assertThat(server.getStats().framesRejected()).isZero();
		assertThat(client.getStats().sendErrors()).isEqualTo(1);
		assertThat(client.getStats().messagesSent()).isEqualTo(1);
	}

	@Test
	void shouldFailWithResourceExhaustedWhenReceiverQueueStaysFull() throws IOException {
		// A bound socket that never reads stands in for a stalled server.
		this.support.rawChannel("stalled.sock");
		UnixDatagramTransport client = this.support
			.client(this.support.config("stalled.sock").sendTimeout(Duration.ofMillis(100)).build());
		IpcException failure = null;
		for (int i = 0; i < 10_000 && failure == null; i++) {
			try {
				client.send(request("fill"));
			}
			catch (IpcException ex) {
				failure = ex;
			}
		}
		assertThat(failure).isNotNull();
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(client.getStats().sendErrors()).isEqualTo(1);
		assertThat(client.isConnected()).isTrue();
	}

	@Test
	void shouldFailFastWhenNoServerIsBound() throws IOException {
		UnixDatagramTransport client = this.support.transport(this.support.config("missing.sock").build());
		long start = System.nanoTime();
		assertThatThrownBy(client::connect).isInstanceOfSatisfying(IpcException.class, (ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(ex.getMessage()).contains(this.support.path("missing.sock").toString());
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(client.isConnected()).isFalse();
		assertThat(this.support.files()).isEmpty();
	}

	@Test
	void shouldDeleteSocketFilesOnStop() throws IOException {
		UnixDatagramTransport server = this.support.echoServer("files.sock");
		UnixDatagramTransport client = this.support.client("files.sock");
		Path clientPath = client.getLocalPath();
		assertThat(clientPath).isNotNull().exists();
		assertThat(clientPath.getFileName().toString()).startsWith("files.sock.c" + ProcessHandle.current().pid());
		call(client, request("hello"));
		client.stop();
		assertThat(clientPath).doesNotExist();
		assertThat(client.isConnected()).isFalse();
		server.stop();
		server.stop();
		assertThat(server.isConnected()).isFalse();
		assertThat(this.support.files()).isEmpty();
		assertThatThrownBy(server::start).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
		assertThatThrownBy(() -> client.send(request("late"))).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
	}

	@Test
	void shouldReconnectAfterDisconnect() {
		this.support.echoServer("again.sock");
		UnixDatagramTransport client = this.support.client("again.sock");
		Path first = client.getLocalPath();
		call(client, request("one"));
		client.disconnect();
		assertThat(client.isConnected()).isFalse();
		assertThat(first).doesNotExist();
		assertThatThrownBy(() -> client.send(request("none"))).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		client.connect();
		assertThat(client.isConnected()).isTrue();
		assertThat(client.getLocalPath()).isNotEqualTo(first);
		assertThat(text(call(client, request("two")))).isEqualTo("two");
		assertThatThrownBy(client::connect).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE));
	}

	@Test
	void shouldReportLostServerAndReconnectToItsSuccessor() {
		UnixDatagramTransport server = this.support.echoServer("restart.sock");
		UnixDatagramTransport client = this.support.client("restart.sock");
		BlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
		client.setErrorCallback(errors::add);
		call(client, request("before"));
		server.stop();
		assertThatThrownBy(() -> client.send(request("gone"))).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		assertThat(client.isConnected()).isFalse();
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(error.connectionClosed()).isTrue();
		});
		this.support.echoServer("restart.sock");
		client.connect();
		assertThat(text(call(client, request("after")))).isEqualTo("after");
	}

	@Test
	void shouldBindReplySocketUnderTmpDirWhenPathBesideServerIsTooLong() {
		String name = "s".repeat(100 - this.support.dir.toString().length()) + ".sock";
		this.support.echoServer(name);
		UnixDatagramTransport client = this.support.client(name);
		Path local = client.getLocalPath();
		assertThat(local).isNotNull();
		assertThat(local.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())).isTrue();
		assertThat(text(call(client, request("long")))).isEqualTo("long");
		client.stop();
		assertThat(Files.exists(local)).isFalse();
	}

	@Test
	void shouldBeCreatedByTransportFactory() {
		this.support.echoServer("factory.sock");
		Transport client = TransportFactory.create(this.support.endpoint("factory.sock"));
		try {
			assertThat(client).isInstanceOf(UnixDatagramTransport.class);
			client.connect();
			assertThat(text(call(client, request("spi")))).isEqualTo("spi");
		}
		finally {
			client.stop();
		}
	}

	@Test
	void shouldRejectDatagramLimitBelowMinimum() {
		TransportConfig config = TransportConfig.of(this.support.endpoint("tiny.sock") + "?max-datagram-size=100");
		assertThatIllegalArgumentException().isThrownBy(() -> this.support.transport(config))
			.withMessageContaining("max-datagram-size")
			.withMessageContaining("100");
	}

	@Test
	void shouldCapDatagramLimitAtMaxFrameLength() {
		UnixDatagramTransport transport = this.support
			.transport(this.support.config("capped.sock").maxFrameLength(4096).build());
		assertThat(transport.getMaxDatagramSize()).isEqualTo(4096);
	}

}
