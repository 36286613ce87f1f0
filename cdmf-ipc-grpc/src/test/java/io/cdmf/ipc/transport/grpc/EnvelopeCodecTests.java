package io.cdmf.ipc.transport.grpc;

import java.nio.ByteBuffer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Messages as envelopes and back, and what a malformed envelope gets.
 */
class EnvelopeCodecTests {

	@ParameterizedTest
	@EnumSource(MessageType.class)
	void shouldKeepEveryFieldThroughAnEnvelope(MessageType type) {
		Message message = Message.create(type).setPayload("payload".getBytes());
		message.getHeader()
			.setCorrelationId(MessageId.next())
			.setPriority(MessagePriority.CRITICAL)
			.setFormat(SerializationFormat.MESSAGEPACK)
			.setFlag(MessageHeader.FLAG_DEDUPLICATE, true);
		message.getMetadata()
			.setSubject("add")
			.setSourceEndpoint("grpc://a:1")
			.setDestinationEndpoint("grpc://b:2")
			.setContentType("application/x-msgpack")
			.setExpirationMillis(System.currentTimeMillis() + 60_000)
			.setRetryCount(2)
			.setMaxRetries(5);
		if (type == MessageType.ERROR) {
			message.setErrorInfo(new ErrorInfo(ErrorCode.RESOURCE_EXHAUSTED, "busy", "REJECTED", "Calc.add"));
		}
		Message back = EnvelopeCodec.fromEnvelope(EnvelopeCodec.toEnvelope(message), 0);
		assertThat(back.getHeader()).usingRecursiveComparison()
			.ignoringFields("checksum")
			.isEqualTo(message.getHeader());
		assertThat(back.getMetadata()).usingRecursiveComparison().isEqualTo(message.getMetadata());
		assertThat(back.getErrorInfo()).isEqualTo(message.getErrorInfo());
		assertThat(back.getPayloadBytes()).isEqualTo("payload".getBytes());
	}

	@Test
	void shouldCarryHeadersInOrderBothWays() throws InvalidProtocolBufferException {
		Message message = Message.request("add", ByteBuffer.allocate(0));
		message.getMetadata()
			.setHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.setHeader("authorization", "Bearer x")
			.setHeader("tenant", "")
			.setHeader("x-名前", "値 😀");

		EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(message);
		Message back = EnvelopeCodec.fromEnvelope(EnvelopeMessage.parseFrom(envelope.toByteArray()), 0);

		assertThat(envelope.getHeadersMap()).containsExactlyInAnyOrderEntriesOf(message.getMetadata().getHeaders());
		assertThat(back.getMetadata().getHeaders()).containsExactlyEntriesOf(message.getMetadata().getHeaders());
		assertThat(back.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isTrue();
	}

	@Test
	void shouldCarryTheNotExecutedFlagOfAnErrorReply() {
		Message refusal = Message.request("add", ByteBuffer.allocate(0))
			.createErrorResponse(ErrorInfo.of(ErrorCode.RESOURCE_EXHAUSTED, "at its limit"));
		refusal.getHeader().setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);

		EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(refusal);
		Message back = EnvelopeCodec.fromEnvelope(envelope, 0);

		assertThat(envelope.getFlags()).isEqualTo(MessageHeader.FLAG_NOT_EXECUTED);
		assertThat(back.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
		assertThat(back.getErrorInfo().code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
	}

	@Test
	void shouldLeaveTheContentFlagsOutOfTheEnvelope() {
		Message message = Message.request("add", ByteBuffer.allocate(0));
		message.getHeader().setFlags(MessageHeader.FLAG_HEADERS | MessageHeader.FLAG_ERROR_INFO
				| MessageHeader.FLAG_DEDUPLICATE);

		EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(message);
		Message back = EnvelopeCodec.fromEnvelope(envelope.toBuilder().setFlags(0xFFFF).build(), 0);

		assertThat(envelope.getFlags()).isEqualTo(MessageHeader.FLAG_DEDUPLICATE);
		assertThat(envelope.getHeadersCount()).isZero();
		assertThat(back.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isFalse();
		assertThat(back.getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isFalse();
		assertThat(back.getMetadata().hasHeaders()).isFalse();
	}

	@Test
	void shouldRefuseHeadersAMessageCannotCarry() {
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").putHeaders("", "v"), ErrorCode.MALFORMED_FRAME,
				"header name must not be empty");
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").putHeaders("big", "v".repeat(65536)),
				ErrorCode.MALFORMED_FRAME, "value of header 'big'");
	}

	@Test
	void shouldFillInWhatAMinimalEnvelopeLeavesOut() {
		long callDeadline = System.currentTimeMillis() + 1_000;
		Message message = EnvelopeCodec.fromEnvelope(EnvelopeMessage.newBuilder().setSubject("echo").build(),
				callDeadline);
		assertThat(message.getMessageId().isNone()).isFalse();
		assertThat(message.getType()).isEqualTo(MessageType.REQUEST);
		assertThat(message.getHeader().getPriority()).isEqualTo(MessagePriority.NORMAL);
		assertThat(message.getHeader().getFormat()).isEqualTo(SerializationFormat.BINARY);
		assertThat(message.getMetadata().getExpirationMillis()).isEqualTo(callDeadline);
		assertThat(message.getHeader().getTimestampMicros()).isPositive();
	}

	@Test
	void shouldKeepTheEarlierOfTheTwoDeadlines() {
		long now = System.currentTimeMillis();
		EnvelopeMessage envelope = EnvelopeMessage.newBuilder().setSubject("x").setDeadlineUnixMillis(now + 500).build();
		assertThat(EnvelopeCodec.fromEnvelope(envelope, now + 900).getMetadata().getExpirationMillis()).isEqualTo(now + 500);
		assertThat(EnvelopeCodec.fromEnvelope(envelope, now + 100).getMetadata().getExpirationMillis()).isEqualTo(now + 100);
	}

	@Test
	void shouldTellWhetherTheSenderWaitsForAnAnswer() {
		Message request = Message.request("m", ByteBuffer.allocate(0));
		assertThat(EnvelopeCodec.expectsAnswer(request)).isTrue();
		request.getHeader().setFlag(MessageHeader.FLAG_ONE_WAY, true);
		assertThat(EnvelopeCodec.expectsAnswer(request)).isFalse();
		assertThat(EnvelopeCodec.expectsAnswer(Message.create(MessageType.EVENT))).isFalse();
		Message ping = Message.create(MessageType.HEARTBEAT);
		assertThat(EnvelopeCodec.expectsAnswer(ping)).isTrue();
		assertThat(EnvelopeCodec.expectsAnswer(ping.createReply(MessageType.HEARTBEAT))).isFalse();
	}

	@Test
	void shouldRefuseAMessageIdOfTheWrongLength() {
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setMessageId(ByteString.copyFromUtf8("abc")),
				ErrorCode.MALFORMED_FRAME, "message_id");
	}

	@Test
	void shouldRefuseAnAllZeroCorrelationId() {
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setCorrelationId(ByteString.copyFrom(new byte[16])),
				ErrorCode.MALFORMED_FRAME, "correlation_id");
	}

	@Test
	void shouldRefuseUnknownEnumValues() {
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setTypeValue(42), ErrorCode.UNKNOWN_ENUM_VALUE, "type");
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setFormatValue(9), ErrorCode.UNKNOWN_ENUM_VALUE,
				"format");
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setPriorityValue(7), ErrorCode.UNKNOWN_ENUM_VALUE,
				"priority");
	}

	@Test
	void shouldRefuseFieldsOutOfRange() {
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setFlags(0x10000), ErrorCode.MALFORMED_FRAME, "flags");
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setDeadlineUnixMillis(-1), ErrorCode.MALFORMED_FRAME,
				"deadline");
		assertRefused(EnvelopeMessage.newBuilder().setSubject("m").setRetryCount(70_000), ErrorCode.MALFORMED_FRAME,
				"retry_count");
	}

	@Test
	void shouldRefuseARequestWithoutMethod() {
		assertRefused(EnvelopeMessage.newBuilder(), ErrorCode.INVALID_ARGUMENT, "subject");
	}

	private static void assertRefused(EnvelopeMessage.Builder envelope, ErrorCode code, String text) {
		assertThatThrownBy(() -> EnvelopeCodec.fromEnvelope(envelope.build(), 0)).isInstanceOf(IpcException.class)
			.hasMessageContaining(text)
			.extracting(ex -> ((IpcException) ex).getErrorCode())
			.isEqualTo(code);
	}

}
