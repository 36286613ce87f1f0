package io.cdmf.ipc.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class MessageTests {

	private static final MessageOrigin ORIGIN = () -> "peer 7";

	@Test
	void shouldCreateRequestWithNewIdSubjectPayloadAndCurrentTime() {
		long before = Message.currentTimeMicros();
		Message request = Message.request("add", ByteBuffer.wrap(new byte[] { 1, 2, 3 }));

		assertThat(request.getType()).isEqualTo(MessageType.REQUEST);
		assertThat(request.getMessageId().isNone()).isFalse();
		assertThat(request.getMetadata().getSubject()).isEqualTo("add");
		assertThat(request.getPayloadBytes()).containsExactly(1, 2, 3);
		assertThat(request.getHeader().getPayloadSize()).isEqualTo(3);
		assertThat(request.getHeader().getTimestampMicros()).isBetween(before, Message.currentTimeMicros());
		assertThat(request.getStatus()).isEqualTo(MessageStatus.CREATED);
		assertThat(request.validate()).isEmpty();
	}

	@Test
	void shouldRejectMessageWithoutId() {
		Message message = new Message();
		message.getMetadata().setSubject("add");

		assertInvalid(message, "messageId", "message id is not set");
	}

	@Test
	void shouldRejectRequestWithoutSubject() {
		assertInvalid(Message.create(MessageType.REQUEST), "subject", "a request must name its method");
	}

	@ParameterizedTest
	@EnumSource(value = MessageType.class, names = { "RESPONSE", "ERROR" })
	void shouldRejectReplyWithoutCorrelationId(MessageType type) {
		assertInvalid(Message.create(type), "correlationId", "a " + type + " must carry the id");
	}

	@Test
	void shouldRejectErrorWithoutErrorInfo() {
		Message error = Message.create(MessageType.ERROR);
		error.getHeader().setCorrelationId(MessageId.next());

		assertInvalid(error, "errorInfo", "an ERROR message must carry ErrorInfo");
	}

	@Test
	void shouldAcceptErrorWithoutCorrelationWhenItCarriesErrorInfo() {
		// The reply to a frame whose id could not be read has nothing to correlate to.
		Message error = Message.create(MessageType.ERROR).setErrorInfo(ErrorInfo.of(ErrorCode.BAD_MAGIC, "bad"));

		assertThat(error.validate()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = MessageType.class, names = { "EVENT", "HEARTBEAT", "CONTROL" })
	void shouldAcceptOtherTypesWithOnlyAnId(MessageType type) {
		assertThat(Message.create(type).validate()).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("stringFields")
	void shouldAcceptStringsUpTo65535Utf8Bytes(String field, BiConsumer<Message, String> setter) {
		for (String value : new String[] { "x".repeat(65535), "€".repeat(21845), "😀".repeat(16383) + "abc" }) {
			Message message = validRequest();
			setter.accept(message, value);
			assertThat(message.validate()).as(field).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("stringFields")
	void shouldRejectStringsOver65535Utf8Bytes(String field, BiConsumer<Message, String> setter) {
		for (String value : new String[] { "x".repeat(65536), "€".repeat(21846), "😀".repeat(16384) }) {
			Message message = validRequest();
			setter.accept(message, value);
			assertInvalid(message, field, field + " is longer than 65535 UTF-8 bytes");
		}
	}

	static Stream<Arguments> stringFields() {
		return Stream.of(field("sourceEndpoint", (m, s) -> m.getMetadata().setSourceEndpoint(s)),
				field("destinationEndpoint", (m, s) -> m.getMetadata().setDestinationEndpoint(s)),
				field("subject", (m, s) -> m.getMetadata().setSubject(s)),
				field("contentType", (m, s) -> m.getMetadata().setContentType(s)),
				field("errorInfo", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, s, "", ""))),
				field("errorInfo", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, "", s, ""))),
				field("errorInfo", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, "", "", s))));
	}

	private static Arguments field(String name, BiConsumer<Message, String> setter) {
		return Arguments.of(name, setter);
	}

	@Test
	void shouldCreateResponseAnsweringTheRequest() {
		Message request = validRequest();

		Message response = request.createResponse();

		assertThat(response.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(response.getMessageId()).isNotEqualTo(request.getMessageId());
		assertThat(response.getMessageId().isNone()).isFalse();
		assertThat(response.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(response.getMetadata().getSourceEndpoint()).isEqualTo("unix:///tmp/calc.sock");
		assertThat(response.getMetadata().getDestinationEndpoint()).isEqualTo("unix:///tmp/client.sock");
		assertThat(response.getMetadata().getSubject()).isEqualTo("add");
		assertThat(response.getHeader().getFormat()).isEqualTo(SerializationFormat.JSON);
		assertThat(response.getHeader().getPriority()).isEqualTo(MessagePriority.CRITICAL);
		assertThat(response.getOrigin()).isSameAs(ORIGIN);
		assertThat(response.getPayloadSize()).isZero();
		assertThat(response.getErrorInfo()).isNull();
		assertThat(response.getHeader().getTimestampMicros()).isPositive();
		assertThat(response.validate()).isEmpty();
	}

	@Test
	void shouldCreateErrorResponseCarryingTheError() {
		Message request = validRequest();
		ErrorInfo error = ErrorInfo.of(ErrorCode.METHOD_NOT_FOUND, "no method 'add'", "add");

		Message reply = request.createErrorResponse(error);

		assertThat(reply.getType()).isEqualTo(MessageType.ERROR);
		assertThat(reply.getErrorInfo()).isSameAs(error);
		assertThat(reply.getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isTrue();
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(request.getMessageId());
		assertThat(reply.getMetadata().getDestinationEndpoint()).isEqualTo("unix:///tmp/client.sock");
		assertThat(reply.getMetadata().getSubject()).isEqualTo("add");
		assertThat(reply.getOrigin()).isSameAs(ORIGIN);
		assertThat(reply.validate()).isEmpty();
	}

	@Test
	void shouldCopyIntoAnIndependentMessageSharingPayloadBytes() {
		Message original = validRequest().setErrorInfo(ErrorInfo.of(ErrorCode.INTERNAL, "x"))
			.setStatus(MessageStatus.SENT);

		Message copy = original.copy();
		copy.getMetadata().setSubject("sub");
		copy.getHeader().setType(MessageType.EVENT).setFlags(0);
		copy.getPayload().get();

		assertThat(copy.getMessageId()).isEqualTo(original.getMessageId());
		assertThat(copy.getErrorInfo()).isSameAs(original.getErrorInfo());
		assertThat(copy.getStatus()).isEqualTo(MessageStatus.SENT);
		assertThat(copy.getOrigin()).isSameAs(ORIGIN);
		assertThat(copy.getMetadata().getDestinationEndpoint()).isEqualTo("unix:///tmp/calc.sock");
		assertThat(original.getMetadata().getSubject()).isEqualTo("add");
		assertThat(original.getType()).isEqualTo(MessageType.REQUEST);
		assertThat(original.getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isTrue();
		assertThat(original.getPayload().position()).isZero();
		assertThat(copy.getPayload().position()).isEqualTo(1);
	}

	@Test
	void shouldCopyHeadersIntoAMapOfTheCopysOwn() {
		Message original = validRequest();
		original.getMetadata().setHeader("authorization", "Bearer x").setHeader("tenant", "acme");

		Message copy = original.copy();
		copy.getMetadata().setHeader("tenant", "other").setHeader("extra", "1");
		original.getMetadata().removeHeader("authorization");

		assertThat(copy.getMetadata().getHeaders()).containsExactly(entry("authorization", "Bearer x"),
				entry("tenant", "other"), entry("extra", "1"));
		assertThat(original.getMetadata().getHeaders()).containsExactly(entry("tenant", "acme"));
	}

	@Test
	void whenTransientThenDetachedKeepsTheHeadersThroughReuse() {
		Message delivered = validRequest().markPayloadTransient();
		delivered.getMetadata().setHeader("traceparent", "00-a-b-01");

		Message kept = delivered.detached();
		delivered.getMetadata().clearHeaders().setHeader("traceparent", "00-c-d-01");

		assertThat(kept.getMetadata().getHeaders()).containsExactly(entry("traceparent", "00-a-b-01"));
	}

	@Test
	void shouldNotCopyTheRequestsHeadersToAnyReply() {
		Message request = validRequest();
		request.getMetadata().setHeader("authorization", "Bearer x");

		for (Message reply : new Message[] { request.createResponse(), request.createReply(MessageType.HEARTBEAT),
				request.createErrorResponse(ErrorInfo.of(ErrorCode.INTERNAL, "x")) }) {
			assertThat(reply.getMetadata().getHeaders()).as("%s", reply.getType()).isEmpty();
			assertThat(reply.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isFalse();
		}
		assertThat(request.getMetadata().getHeader("authorization")).isEqualTo("Bearer x");
	}

	@Test
	void shouldClearErrorFlagWhenErrorInfoIsRemoved() {
		Message message = validRequest().setErrorInfo(ErrorInfo.of(ErrorCode.INTERNAL, "x"));

		message.setErrorInfo(null);

		assertThat(message.getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isFalse();
	}

	@Test
	void shouldReturnPayloadBytesWithoutMovingThePayload() {
		ByteBuffer payload = ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)).position(1);
		Message message = validRequest().setPayload(payload);

		assertThat(message.getPayloadBytes()).asString(StandardCharsets.UTF_8).isEqualTo("ello");
		assertThat(payload.position()).isEqualTo(1);
		assertThat(message.getPayloadSize()).isEqualTo(4);
	}

	@Test
	void whenNotTransientThenDetachedIsTheMessageItself() {
		Message message = validRequest();

		assertThat(message.detached()).isSameAs(message);
	}

	@Test
	void whenTransientThenDetachedIsAnOwnedCopyThatOutlivesReuse() {
		ByteBuffer ring = ByteBuffer.wrap(new byte[] { 9, 8, 7, 6 });
		Message delivered = validRequest().setPayload(ring.asReadOnlyBuffer().position(1)).markPayloadTransient();

		Message kept = delivered.detached();
		ring.put(1, (byte) 0);
		delivered.getMetadata().setSubject("next");
		delivered.getHeader().setMessageId(MessageId.next());

		assertThat(kept).isNotSameAs(delivered);
		assertThat(kept.isPayloadTransient()).isFalse();
		assertThat(kept.getPayload().isReadOnly()).isTrue();
		assertThat(kept.getPayloadBytes()).containsExactly(8, 7, 6);
		assertThat(kept.getMetadata().getSubject()).isEqualTo("add");
		assertThat(kept.getMessageId()).isNotEqualTo(delivered.getMessageId());
		assertThat(kept.getOrigin()).isSameAs(ORIGIN);
	}

	@Test
	void shouldAnswerWithTheRequestIdWhetherKeptAsRecordOrHalves() {
		Message request = validRequest();
		request.getHeader().setMessageId(0x1234, 0x5678);

		Message response = request.createResponse();

		assertThat(response.getHeader().getCorrelationId()).isEqualTo(new MessageId(0x1234, 0x5678));
		assertThat(response.validate()).isEmpty();
	}

	private static Message validRequest() {
		Message request = Message.request("add", ByteBuffer.wrap(new byte[] { 1, 2 }));
		request.getHeader().setFormat(SerializationFormat.JSON).setPriority(MessagePriority.CRITICAL);
		request.getMetadata()
			.setSourceEndpoint("unix:///tmp/client.sock")
			.setDestinationEndpoint("unix:///tmp/calc.sock");
		return request.setOrigin(ORIGIN);
	}

	private static void assertInvalid(Message message, String field, String text) {
		assertThat(message.validate()).hasValueSatisfying((error) -> {
			assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
			assertThat(error.context()).isEqualTo(field);
			assertThat(error.message()).startsWith(text);
		});
	}

}
