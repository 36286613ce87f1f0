package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.message.frame.TestFrames.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrameEncoderTests {

	private final FrameEncoder encoder = new FrameEncoder(MAX);

	@Test
	void shouldWriteHeaderFieldsLittleEndianAtDescriptorOffsets() {
		Message message = fullMessage();
		ByteBuffer frame = le(encode(message));

		assertThat(frame.getInt(MAGIC_OFFSET)).isEqualTo(MAGIC);
		assertThat(new String(frame.array(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("CDMF");
		assertThat(frame.getInt(FRAME_LENGTH_OFFSET)).isEqualTo(frame.capacity()).isEqualTo(257);
		assertThat(frame.get(VERSION_OFFSET)).isEqualTo((byte) 1);
		assertThat(frame.get(TYPE_OFFSET)).isEqualTo((byte) MessageType.RESPONSE.value());
		assertThat(frame.get(PRIORITY_OFFSET)).isEqualTo((byte) MessagePriority.HIGH.value());
		assertThat(frame.get(FORMAT_OFFSET)).isEqualTo((byte) SerializationFormat.PROTOBUF.value());
		assertThat(frame.getShort(FLAGS_OFFSET)).isEqualTo((short) 0x0006);
		assertThat(frame.getShort(RETRY_COUNT_OFFSET)).isEqualTo((short) 2);
		assertThat(frame.getShort(MAX_RETRIES_OFFSET)).isEqualTo((short) 5);
		assertThat(frame.getShort(RESERVED_OFFSET)).isZero();
		assertThat(frame.getInt(METADATA_LENGTH_OFFSET)).isEqualTo(2 + 23 + 2 + 21 + 2 + 3 + 2 + 22);
		assertThat(frame.getInt(PAYLOAD_LENGTH_OFFSET)).isEqualTo(100);
		assertThat(frame.getLong(TIMESTAMP_OFFSET)).isEqualTo(1_700_000_000_123_456L);
		assertThat(frame.getLong(EXPIRATION_OFFSET)).isEqualTo(1_700_000_005_000L);
		assertThat(frame.getLong(MESSAGE_ID_OFFSET)).isEqualTo(MESSAGE_ID.high());
		assertThat(frame.getLong(MESSAGE_ID_OFFSET + 8)).isEqualTo(MESSAGE_ID.low());
		assertThat(frame.getLong(CORRELATION_ID_OFFSET)).isEqualTo(-1L);
		assertThat(frame.getLong(CORRELATION_ID_OFFSET + 8)).isEqualTo(42L);
		assertThat(frame.getShort(HEADER_LENGTH)).isEqualTo((short) 23);
		assertThat(new String(frame.array(), HEADER_LENGTH + 2, 23, StandardCharsets.UTF_8))
			.isEqualTo("unix:///tmp/client.sock");
	}

	@Test
	void shouldStoreCrc32cOfBytesFromEightToEndAtOffsetFour() {
		Message message = fullMessage();
		byte[] frame = encode(message);

		int expected = crc32c(frame, 8, frame.length);
		assertThat(getInt(frame, CHECKSUM_OFFSET)).isEqualTo(expected);
		assertThat(message.getHeader().getChecksum()).isEqualTo(expected);
	}

	@Test
	void shouldSetErrorInfoFlagFromErrorInfoNotFromHeader() {
		Message plain = fullMessage();
		plain.getHeader().setFlags(MessageHeader.FLAG_ERROR_INFO | MessageHeader.FLAG_ONE_WAY);
		Message failed = errorMessage();
		failed.getHeader().setFlags(0);

		assertThat(le(encode(plain)).getShort(FLAGS_OFFSET)).isEqualTo((short) MessageHeader.FLAG_ONE_WAY);
		assertThat(le(encode(failed)).getShort(FLAGS_OFFSET)).isEqualTo((short) MessageHeader.FLAG_ERROR_INFO);
	}

	@Test
	void shouldEncodeOnlyThePayloadBetweenPositionAndLimitWithoutMovingIt() {
		ByteBuffer payload = ByteBuffer.wrap(sequence(20)).position(5).limit(12);
		Message message = fullMessage().setPayload(payload);

		Message decoded = decode(encode(message));

		assertThat(decoded.getPayloadBytes()).isEqualTo(Arrays.copyOfRange(sequence(20), 5, 12));
		assertThat(payload.position()).isEqualTo(5);
		assertThat(payload.limit()).isEqualTo(12);
	}

	@ParameterizedTest
	@MethodSource("buffers")
	void shouldWriteTheSameBytesIntoAnyBufferAtAnOffsetLeavingItsStateAlone(Memory memory, ByteOrder order,
			int offset) {
		Message message = errorMessage();
		byte[] expected = encode(message);
		ByteBuffer buffer = memory.allocate(offset + expected.length + 9).order(order);
		buffer.position(3).limit(offset + expected.length + 4);

		this.encoder.encode(message, buffer, offset, this.encoder.frameLength(message));

		byte[] written = new byte[expected.length];
		buffer.get(offset, written);
		assertThat(hex(written)).isEqualTo(hex(expected));
		assertThat(buffer.order()).isEqualTo(order);
		assertThat(buffer.position()).isEqualTo(3);
		assertThat(buffer.limit()).isEqualTo(offset + expected.length + 4);
	}

	static Stream<Arguments> buffers() {
		return Stream.of(Memory.values())
			.flatMap((memory) -> Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)
				.flatMap((order) -> Stream.of(0, 5).map((offset) -> Arguments.of(memory, order, offset))));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1024, 4095, 4096 })
	void shouldEncodeMessageUpToMaxFrameLength(int length) {
		FrameEncoder small = new FrameEncoder(4096);

		assertThat(small.encode(messageOfFrameLength(small, length)).remaining()).isEqualTo(length);
	}

	@ParameterizedTest
	@ValueSource(ints = { 4097, 100_000 })
	void shouldRejectMessageAboveMaxFrameLength(int length) {
		FrameEncoder small = new FrameEncoder(4096);
		Message message = messageOfFrameLength(small, length);

		FrameException ex = catchThrowableOfType(() -> small.encode(message), FrameException.class);
		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
		assertThat(ex.isFrameSkippable()).isFalse();
		assertThat(ex).hasMessageContaining(length + " bytes").hasMessageContaining("4096 bytes");
	}

	private static Message messageOfFrameLength(FrameEncoder encoder, int length) {
		Message message = fullMessage().setPayload(new byte[0]);
		return message.setPayload(new byte[length - encoder.frameLength(message)]);
	}

	@ParameterizedTest
	@MethodSource("stringFields")
	void shouldRejectStringLongerThan65535Utf8Bytes(String field, BiConsumer<Message, String> setter) {
		Message atLimit = errorMessage();
		setter.accept(atLimit, "€".repeat(21845));
		Message overLimit = errorMessage();
		setter.accept(overLimit, "x".repeat(65536));

		assertThat(decode(encode(atLimit)).getPayloadBytes()).isEqualTo(sequence(100));
		FrameException ex = catchThrowableOfType(() -> this.encoder.frameLength(overLimit), FrameException.class);
		assertThat(ex.getErrorCode()).as(field).isEqualTo(ErrorCode.INVALID_ARGUMENT);
		assertThat(ex).hasMessageContaining("65536").hasMessageContaining("65535");
	}

	static Stream<Arguments> stringFields() {
		return Stream.of(stringField("source", (m, s) -> m.getMetadata().setSourceEndpoint(s)),
				stringField("destination", (m, s) -> m.getMetadata().setDestinationEndpoint(s)),
				stringField("subject", (m, s) -> m.getMetadata().setSubject(s)),
				stringField("contentType", (m, s) -> m.getMetadata().setContentType(s)),
				stringField("error message", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, s, "", ""))),
				stringField("error category", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, "", s, ""))),
				stringField("error context", (m, s) -> m.setErrorInfo(new ErrorInfo(ErrorCode.INTERNAL, "", "", s))));
	}

	private static Arguments stringField(String name, BiConsumer<Message, String> setter) {
		return Arguments.of(name, setter);
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, 0, 1023 })
	void shouldRejectMaxFrameLengthBelow1024(int maxFrameLength) {
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameEncoder(maxFrameLength))
			.withMessage("maxFrameLength must be at least 1024: " + maxFrameLength);
		assertThat(new FrameEncoder(1024).maxFrameLength()).isEqualTo(1024);
	}

	@Test
	void shouldReportTheLengthThatEncodeWrites() {
		Message message = errorMessage();

		assertThat(this.encoder.frameLength(message)).isEqualTo(this.encoder.encode(message).remaining());
	}

	// ---- round trip of every field ----

	@ParameterizedTest
	@EnumSource(MessageType.class)
	void shouldRoundTripEveryMessageType(MessageType type) {
		Message message = fullMessage();
		message.getHeader().setType(type);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@EnumSource(MessagePriority.class)
	void shouldRoundTripEveryPriority(MessagePriority priority) {
		Message message = fullMessage();
		message.getHeader().setPriority(priority);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@EnumSource(SerializationFormat.class)
	void shouldRoundTripEverySerializationFormat(SerializationFormat format) {
		Message message = fullMessage();
		message.getHeader().setFormat(format);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@ValueSource(longs = { Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE })
	void shouldRoundTripIdsAndTimestamp(long value) {
		Message message = fullMessage();
		message.getHeader()
			.setMessageId(new MessageId(value, ~value))
			.setCorrelationId(new MessageId(~value, value))
			.setTimestampMicros(value);
		assertRoundTrip(message);
	}

	@Test
	void shouldDecodeAllZeroCorrelationIdAsNone() {
		Message message = fullMessage();
		message.getHeader().setCorrelationId(MessageId.NONE);
		assertThat(decode(encode(message)).getHeader().getCorrelationId()).isSameAs(MessageId.NONE);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 1_700_000_005_000L, Long.MAX_VALUE })
	void shouldRoundTripExpiration(long expirationMillis) {
		Message message = fullMessage();
		message.getMetadata().setExpirationMillis(expirationMillis);
		assertRoundTrip(message);
	}

	// Every bit but ERROR_INFO and HEADERS, which follow the message's contents (FrameEncoderHeadersTests).
	@ParameterizedTest
	@ValueSource(ints = { 0, MessageHeader.FLAG_DEDUPLICATE, MessageHeader.FLAG_ONE_WAY, 0x0006, 0x8000, 0xFFF6 })
	void shouldRoundTripFlags(int flags) {
		Message message = fullMessage();
		message.getHeader().setFlags(flags);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 255, 256, 65535 })
	void shouldRoundTripRetryCounts(int count) {
		Message message = fullMessage();
		message.getMetadata().setRetryCount(count).setMaxRetries(65535 - count);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "grüße", "計算機", "emoji 😀 and ☃", "\u0000nul" })
	void shouldRoundTripMetadataStrings(String value) {
		Message message = fullMessage();
		message.getMetadata()
			.setSourceEndpoint(value)
			.setDestinationEndpoint(value + "/dst")
			.setSubject(value + ".method")
			.setContentType("text/" + value);
		assertRoundTrip(message);
	}

	@ParameterizedTest
	@EnumSource(ErrorCode.class)
	void shouldRoundTripErrorInfoOfEveryCode(ErrorCode code) {
		Message message = errorMessage().setErrorInfo(new ErrorInfo(code, "falló: ü", "CATÉGORIE", "ctx 😀"));
		assertRoundTrip(message);
		assertThat(decode(encode(message)).getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isTrue();
	}

	@Test
	void shouldRoundTripErrorInfoWithEmptyStrings() {
		assertRoundTrip(errorMessage().setErrorInfo(new ErrorInfo(ErrorCode.UNKNOWN, "", "", "")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 65536, 1024 * 1024 })
	void shouldRoundTripPayloadOfAnySize(int size) {
		assertRoundTrip(fullMessage().setPayload(sequence(size)));
	}

	@Test
	void shouldRoundTripFrameOfExactlyTheMaximumLength() {
		FrameEncoder small = new FrameEncoder(1024);
		Message message = fullMessage().setPayload(new byte[0]);
		message.setPayload(sequence(1024 - small.frameLength(message)));

		ByteBuffer frame = small.encode(message);

		assertThat(frame.remaining()).isEqualTo(1024);
		assertDecodedAs(new FrameDecoder(1024).decode(frame, 0, 1024, true), message);
	}

	@Test
	void whenChecksumsAreOffThenTheFieldIsZeroAndAnUnverifyingDecoderReadsTheFrame() {
		Message message = fullMessage();

		ByteBuffer frame = new FrameEncoder(MAX, false).encode(message).order(ByteOrder.LITTLE_ENDIAN);

		assertThat(frame.getInt(FrameDescriptor.CHECKSUM_OFFSET)).isZero();
		Message decoded = new FrameDecoder(MAX, false).decode(frame, 0, frame.remaining(), true);
		assertThat(decoded.getPayloadBytes()).isEqualTo(message.getPayloadBytes());
		assertThat(decoded.getMetadata().getSubject()).isEqualTo(message.getMetadata().getSubject());
	}

	private static void assertRoundTrip(Message message) {
		assertDecodedAs(decode(encode(message)), message);
	}

}
