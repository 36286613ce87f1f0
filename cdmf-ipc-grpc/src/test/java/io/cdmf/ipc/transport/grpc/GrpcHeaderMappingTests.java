package io.cdmf.ipc.transport.grpc;

import java.nio.ByteBuffer;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Which request headers of a standard gRPC call become message headers, and how.
 */
class GrpcHeaderMappingTests {

	@Test
	void shouldCopyApplicationHeadersInTheOrderOfTheirNames() {
		Metadata headers = new Metadata();
		put(headers, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		put(headers, "authorization", "Bearer x");
		put(headers, "tenant", "acme");
		Message message = request();

		GrpcHeaderMapping.toMessage(headers, message);

		assertThat(message.getMetadata().getHeaders()).containsExactly(entry("authorization", "Bearer x"),
				entry("tenant", "acme"),
				entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		assertThat(message.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isTrue();
	}

	@Test
	void shouldJoinTheValuesOfARepeatedHeaderWithCommas() {
		Metadata headers = new Metadata();
		put(headers, "tracestate", "congo=t61rcWkgMzE");
		put(headers, "tracestate", "rojo=00f067aa0ba902b7");
		Message message = request();

		GrpcHeaderMapping.toMessage(headers, message);

		assertThat(message.getMetadata().getHeader("tracestate")).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
	}

	@Test
	void shouldLeaveOutProtocolAndBinaryHeaders() {
		Metadata headers = new Metadata();
		put(headers, "grpc-timeout", "1S");
		put(headers, "grpc-accept-encoding", "gzip");
		put(headers, "content-type", "application/grpc");
		put(headers, "user-agent", "grpc-java-netty/1.85.1");
		put(headers, "te", "trailers");
		put(headers, GrpcServiceHost.SERVICE_HEADER, "calc.Calculator");
		headers.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 1, 2 });
		Message message = request();

		GrpcHeaderMapping.toMessage(headers, message);

		assertThat(message.getMetadata().hasHeaders()).isFalse();
		assertThat(message.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { ":path", ":authority", "grpc-status", "grpc-", "content-type", "user-agent", "te",
			"x-bin", "cdmf-service", "" })
	void shouldNotTakeReservedNamesForApplicationHeaders(String name) {
		assertThat(GrpcHeaderMapping.isApplicationHeader(name)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "authorization", "traceparent", "tracestate", "x-tenant", "grpcfoo", "tea", "bin" })
	void shouldTakeOtherNamesForApplicationHeaders(String name) {
		assertThat(GrpcHeaderMapping.isApplicationHeader(name)).isTrue();
	}

	private static void put(Metadata headers, String name, String value) {
		headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
	}

	private static Message request() {
		return Message.request("Add", ByteBuffer.allocate(0));
	}

}
