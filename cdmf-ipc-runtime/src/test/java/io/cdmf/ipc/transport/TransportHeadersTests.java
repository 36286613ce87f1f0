package io.cdmf.ipc.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Message headers survive every transport family, both ways: a request's headers reach the server in order, and
 * the headers the server sets on its reply reach the client. The frame codec and envelope are tested on their own;
 * this checks that no transport drops, reorders or leaks them on the way (a reused message on {@code shm://}, a
 * copy for {@code receive()}). The modules of the optional transports run the same cases on theirs
 * ({@code GrpcTransportHeadersTests}, {@code JournalHeadersTests}).
 */
class TransportHeadersTests {

	private static final TestEndpoints SOCKETS = new TestEndpoints();

	private static final ShmTestDirectory SHM = new ShmTestDirectory();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final Map<String, String> REQUEST_HEADERS = headers("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9",
			"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "",
			"x-tenant", "grüße 😀");

	@AfterAll
	static void removeFiles() {
		SOCKETS.close();
		SHM.close();
	}

	static Stream<Arguments> transports() {
		String inproc = "inproc://headers-" + ThreadLocalRandom.current().nextInt(1 << 30);
		return Stream.of(transport("inproc", inproc, Function.identity()),
				transport("unix", SOCKETS.endpoint("unix", "headers"), Function.identity()),
				transport("unix+dgram", SOCKETS.endpoint("unix+dgram", "headers"), Function.identity()),
				transport("tcp", "tcp://127.0.0.1:0", Function.identity()),
				transport("udp", "udp://127.0.0.1:0", Function.identity()),
				transport("shm", SHM.endpoint("headers"), Function.identity()));
	}

	static Arguments transport(String name, String endpoint, Function<String, String> client) {
		return Arguments.of(name, endpoint, client);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void shouldCarryRequestHeadersToTheServerAndReplyHeadersBack(String name, String endpoint,
			Function<String, String> clientEndpoint) throws Exception {
		CompletableFuture<Map<String, String>> received = new CompletableFuture<>();
		try (Transport server = TransportFactory.create(endpoint)) {
			server.setMessageCallback((request) -> {
				// Copied here: the message, and its headers, may be reused once the callback returns.
				received.complete(new LinkedHashMap<>(request.getMetadata().getHeaders()));
				Message reply = request.createResponse().setPayload(request.getPayloadBytes());
				reply.getMetadata().setHeader("x-served-by", name).setHeader("traceparent",
						request.getMetadata().getHeader("traceparent"));
				server.send(reply);
			});
			server.start();
			try (Transport client = TransportFactory.create(clientEndpoint.apply(server.getBoundEndpoint()))) {
				client.connect();
				Message request = Message.request("echo", ByteBuffer.wrap(bytes("ping")));
				REQUEST_HEADERS.forEach(request.getMetadata()::setHeader);

				client.send(request);
				Message reply = client.receive(TIMEOUT);

				assertThat(received.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.containsExactlyEntriesOf(REQUEST_HEADERS);
				assertThat(reply).as("reply over %s", name).isNotNull();
				assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
				assertThat(reply.getMetadata().getHeaders()).containsExactly(entry("x-served-by", name),
						entry("traceparent", REQUEST_HEADERS.get("traceparent")));
				assertThat(new String(reply.getPayloadBytes(), StandardCharsets.UTF_8)).isEqualTo("ping");
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transports")
	void whenARequestHasNoHeadersThenNeitherDoesWhatArrives(String name, String endpoint,
			Function<String, String> clientEndpoint) throws Exception {
		CompletableFuture<Boolean> serverSawHeaders = new CompletableFuture<>();
		try (Transport server = TransportFactory.create(endpoint)) {
			server.setMessageCallback((request) -> {
				serverSawHeaders.complete(request.getMetadata().hasHeaders());
				server.send(request.createResponse());
			});
			server.start();
			try (Transport client = TransportFactory.create(clientEndpoint.apply(server.getBoundEndpoint()))) {
				client.connect();

				client.send(Message.request("echo", ByteBuffer.wrap(bytes("plain"))));
				Message reply = client.receive(TIMEOUT);

				assertThat(serverSawHeaders.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isFalse();
				assertThat(reply).as("reply over %s", name).isNotNull();
				assertThat(reply.getMetadata().getHeaders()).isEmpty();
			}
		}
	}

	static String withOption(String endpoint, String option) {
		return endpoint + (endpoint.contains("?") ? "&" : "?") + option;
	}

	static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
