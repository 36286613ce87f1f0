package io.cdmf.ipc.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client transports decode every response into one reused, transient message only for a callback that
 * {@linkplain Transport.MessageCallback#acceptsTransient() accepts it} (what a client channel's connection does, so a
 * call allocates no message for its response); any other callback gets each message as its own, which it may keep.
 * Over real {@code unix://}, {@code tcp://} and {@code shm://} servers: the reused message carries each response's
 * own payload and headers (none left over from the one before), and a message kept by a plain callback still reads
 * right after later responses arrived.
 */
class ClientTransientDeliveryTests {

	private static final TestEndpoints SOCKETS = new TestEndpoints();

	private static final ShmTestDirectory SHM = new ShmTestDirectory();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> PAYLOADS = List.of("first", "second, with a header", "third");

	@AfterAll
	static void removeFiles() {
		SOCKETS.close();
		SHM.close();
	}

	static Stream<Arguments> transports() {
		return Stream.of(Arguments.of("unix", SOCKETS.endpoint("unix", "transient")),
				Arguments.of("tcp", "tcp://127.0.0.1:0"), Arguments.of("shm", SHM.endpoint("transient")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void whenTheCallbackAcceptsTransientMessagesThenEveryResponseComesInOneReusedMessage(String name,
			String endpoint) throws Exception {
		List<Message> instances = new CopyOnWriteArrayList<>();
		BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
		Transport.MessageCallback reading = new Transport.MessageCallback() {

			@Override
			public void onMessage(Message message) {
				// Read within the call, as the contract asks.
				instances.add(message);
				seen.add(new Seen(new String(message.getPayloadBytes(), StandardCharsets.UTF_8),
						Map.copyOf(message.getMetadata().getHeaders()), message.isPayloadTransient(),
						message.getHeader().getCorrelationIdLow()));
			}

			@Override
			public boolean acceptsTransient() {
				return true;
			}

		};
		try (Transport server = echoServer(endpoint); Transport client = client(server)) {
			client.setMessageCallback(reading);
			for (String payload : PAYLOADS) {
				Message request = Message.request("echo", ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
				client.send(request);
				Seen response = seen.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

				assertThat(response).as("response to %s over %s", payload, name).isNotNull();
				assertThat(response.payload()).isEqualTo(payload);
				assertThat(response.transientPayload()).isTrue();
				assertThat(response.correlationLow()).isEqualTo(request.getHeader().getMessageIdLow());
				assertThat(response.headers()).isEqualTo(payload.contains("header") ? Map.of("x-echo", payload)
						: Map.of());
			}
		}
		assertThat(instances).hasSize(PAYLOADS.size());
		assertThat(instances).allSatisfy((message) -> assertThat(message).isSameAs(instances.get(0)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void whenTheCallbackDoesNotSayItAcceptsTransientMessagesThenEachResponseIsItsOwn(String name, String endpoint)
			throws Exception {
		BlockingQueue<Message> kept = new LinkedBlockingQueue<>();
		try (Transport server = echoServer(endpoint); Transport client = client(server)) {
			client.setMessageCallback(kept::add);
			for (String payload : PAYLOADS) {
				client.send(Message.request("echo", ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))));
			}
			for (String payload : PAYLOADS) {
				// Read only after every response arrived: a reused message would now hold the last one.
				Message response = kept.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

				assertThat(response).as("response to %s over %s", payload, name).isNotNull();
				assertThat(response.isPayloadTransient()).isFalse();
				assertThat(new String(response.getPayloadBytes(), StandardCharsets.UTF_8)).isEqualTo(payload);
			}
		}
	}

	private static Transport echoServer(String endpoint) {
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback((request) -> {
			String payload = new String(request.getPayloadBytes(), StandardCharsets.UTF_8);
			Message reply = request.createResponse().setPayload(request.getPayloadBytes());
			if (payload.contains("header")) {
				reply.getMetadata().setHeader("x-echo", payload);
			}
			server.send(reply);
		});
		server.start();
		return server;
	}

	private static Transport client(Transport server) {
		Transport client = TransportFactory.create(server.getBoundEndpoint());
		client.connect();
		return client;
	}

	private record Seen(String payload, Map<String, String> headers, boolean transientPayload, long correlationLow) {
	}

}
