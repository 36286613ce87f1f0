package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.frame.TestFrames.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrameDecoderTests {

	private final FrameDecoder decoder = new FrameDecoder(MAX);

	@ParameterizedTest
	@MethodSource("buffers")
	void shouldDecodeFromAnyBufferAtAnOffsetLeavingItsStateAlone(Memory memory, ByteOrder order, int offset,
			boolean copyPayload) {
		Message message = errorMessage();
		byte[] frame = encode(message);
		ByteBuffer buffer = memory.allocate(offset + frame.length + 7).order(order);
		buffer.put(offset, frame).position(2).limit(offset + frame.length);

		Message decoded = this.decoder.decode(buffer, offset, frame.length, copyPayload);

		assertDecodedAs(decoded, message);
		assertThat(buffer.order()).isEqualTo(order);
		assertThat(buffer.position()).isEqualTo(2);
		assertThat(buffer.limit()).isEqualTo(offset + frame.length);
	}

	static Stream<Arguments> buffers() {
		return Stream.of(Memory.values())
			.flatMap((memory) -> Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)
				.flatMap((order) -> Stream.of(0, 13)
					.flatMap((offset) -> Stream.of(true, false)
						.map((copy) -> Arguments.of(memory, order, offset, copy)))));
	}

	@ParameterizedTest
	@EnumSource(Memory.class)
	void shouldCopyPayloadIntoIndependentArray(Memory memory) {
		byte[] frame = encode(fullMessage());
		ByteBuffer buffer = memory.allocate(frame.length).put(0, frame);

		Message decoded = this.decoder.decode(buffer, 0, frame.length, true);
		buffer.put(frame.length - 1, (byte) ~buffer.get(frame.length - 1));

		ByteBuffer payload = decoded.getPayload();
		assertThat(payload.hasArray()).isTrue();
		assertThat(payload.isReadOnly()).isFalse();
		assertThat(decoded.getPayloadBytes()).isEqualTo(sequence(100));
		if (memory == Memory.HEAP) {
			assertThat(payload.array()).isNotSameAs(buffer.array());
		}
	}

	@ParameterizedTest
	@EnumSource(Memory.class)
	void shouldGiveReadOnlyViewOverTheSameMemoryWhenNotCopying(Memory memory) {
		byte[] frame = encode(fullMessage());
		ByteBuffer buffer = memory.allocate(frame.length).put(0, frame);

		Message decoded = this.decoder.decode(buffer, 0, frame.length, false);
		buffer.put(frame.length - 1, (byte) 0x5A);

		ByteBuffer payload = decoded.getPayload();
		assertThat(payload.isReadOnly()).isTrue();
		assertThat(payload.isDirect()).isEqualTo(memory == Memory.DIRECT);
		assertThat(payload.remaining()).isEqualTo(100);
		assertThat(payload.get(payload.limit() - 1)).isEqualTo((byte) 0x5A);
	}

	@Test
	void shouldReturnCachedSubjectForEqualBytes() {
		Message first = decodeWithSubject("add");
		Message second = decodeWithSubject("add");

		assertThat(first.getMetadata().getSubject()).isEqualTo("add");
		assertThat(second.getMetadata().getSubject()).isSameAs(first.getMetadata().getSubject());
	}

	@ParameterizedTest
	@CsvSource({ "Aa, BB", "AaAa, BBBB", "AaBB, BBAa", "añadir, método", "ab, abc" })
	void shouldReturnCorrectSubjectsAfterCacheCollisions(String one, String other) {
		for (int round = 0; round < 3; round++) {
			for (String subject : new String[] { one, other, one, one, other }) {
				assertThat(decodeWithSubject(subject).getMetadata().getSubject()).isEqualTo(subject);
			}
		}
	}

	@Test
	void shouldReturnCorrectSubjectsWhenManySubjectsShareSlots() {
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 500; i++) {
				String subject = "method" + (i * 7919 % 500);
				assertThat(decodeWithSubject(subject).getMetadata().getSubject()).isEqualTo(subject);
			}
		}
	}

	private Message decodeWithSubject(String subject) {
		Message message = fullMessage();
		message.getMetadata().setSubject(subject);
		byte[] frame = encode(message);
		return this.decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, true);
	}

	private static int frameLength() {
		return encode(fullMessage()).length;
	}

	// ---- frameLength on a prefix ----

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void shouldWaitForFourBytesBeforeCheckingMagic(int available) {
		assertThat(this.decoder.frameLength(ByteBuffer.wrap(new byte[] { 9, 9, 9, 9 }), 0, available)).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8, 15 })
	void shouldWaitForSixteenBytesBeforeReadingLength(int available) {
		assertThat(this.decoder.frameLength(ByteBuffer.wrap(encode(fullMessage())), 0, available)).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 16, 80, 257 })
	void shouldReturnDeclaredLengthOnceSixteenBytesArrived(int available) {
		byte[] frame = encode(fullMessage());
		ByteBuffer buffer = ByteBuffer.allocate(frame.length + 3).order(ByteOrder.BIG_ENDIAN).put(3, frame);

		assertThat(this.decoder.frameLength(buffer, 3, Math.min(available, frame.length))).isEqualTo(frame.length);
		assertThat(buffer.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
	}

	@ParameterizedTest
	@CsvSource({ "4096, 4096", "4096, 88", "1024, 88", "1024, 1024" })
	void shouldAcceptDeclaredLengthWithinLimits(int max, int declared) {
		assertThat(new FrameDecoder(max).frameLength(ByteBuffer.wrap(prefixDeclaring(declared)), 0, 16))
			.isEqualTo(declared);
	}

	@ParameterizedTest
	@CsvSource({ "4096, 4097, FRAME_TOO_LARGE", "4096, 2147483648, FRAME_TOO_LARGE",
			"4096, 4294967295, FRAME_TOO_LARGE", "1024, 87, MALFORMED_FRAME", "1024, 80, MALFORMED_FRAME",
			"1024, 0, MALFORMED_FRAME" })
	void shouldRejectDeclaredLengthOutsideLimitsFromThePrefixAlone(int max, long declared, ErrorCode code) {
		byte[] prefix = prefixDeclaring((int) declared);
		FrameDecoder limited = new FrameDecoder(max);

		for (FrameException ex : new FrameException[] {
				catchThrowableOfType(() -> limited.frameLength(ByteBuffer.wrap(prefix), 0, 16), FrameException.class),
				catchThrowableOfType(() -> limited.decode(ByteBuffer.wrap(prefix), 0, 16, true),
						FrameException.class) }) {
			assertThat(ex.getErrorCode()).isEqualTo(code);
			assertThat(ex.isFrameSkippable()).isFalse();
			assertThat(ex).hasMessageContaining(Long.toString(declared));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 15, 16 })
	void shouldRejectBadMagicAsSoonAsFourBytesArrived(int available) {
		byte[] frame = putByte(encode(fullMessage()), 3, 'X');

		FrameException ex = catchThrowableOfType(
				() -> this.decoder.frameLength(ByteBuffer.wrap(frame), 0, available), FrameException.class);
		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.BAD_MAGIC);
	}

	private static byte[] prefixDeclaring(int declared) {
		return putInt(Arrays.copyOf(encode(fullMessage()), 16), FRAME_LENGTH_OFFSET, declared);
	}

	// ---- rejected frames ----

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 4, 15 })
	void shouldRejectFewerBytesThanThePrefixAsTruncated(int length) {
		assertRejected(Arrays.copyOf(encode(fullMessage()), length), ErrorCode.FRAME_TRUNCATED);
	}

	@ParameterizedTest
	@ValueSource(ints = { 16, 79, 80, 256 })
	void shouldRejectFewerBytesThanDeclaredAsTruncated(int length) {
		FrameException ex = assertRejected(Arrays.copyOf(encode(fullMessage()), length),
				ErrorCode.FRAME_TRUNCATED);
		assertThat(ex).hasMessageContaining("257").hasMessageContaining(Integer.toString(length));
	}

	@Test
	void shouldRejectMoreBytesThanDeclared() {
		assertRejected(Arrays.copyOf(encode(fullMessage()), 258), ErrorCode.MALFORMED_FRAME);
	}

	@Test
	void shouldRejectHugeDeclaredLengthBeforeReadingFurtherWithoutAllocating() {
		byte[] prefix = prefixDeclaring(1 << 31);

		FrameException ex = assertRejected(prefix, ErrorCode.FRAME_TOO_LARGE);
		assertThat(ex).hasMessageContaining("2147483648").hasMessageContaining(Integer.toString(MAX));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 0x43444D46, 0x464D4442, -1 })
	void shouldRejectBadMagic(int magic) {
		FrameException ex = assertRejected(putInt(encode(fullMessage()), MAGIC_OFFSET, magic), ErrorCode.BAD_MAGIC);
		assertThat(ex.isFrameSkippable()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 2, 255 })
	void shouldRejectOtherVersions(int version) {
		FrameException ex = assertRejected(rechecksum(putByte(encode(fullMessage()), VERSION_OFFSET, version)),
				ErrorCode.UNSUPPORTED_VERSION);
		assertThat(ex).hasMessageContaining("version " + version);
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 16, 30, 52, 80, 200, 256 })
	void shouldRejectFlippedByteAsChecksumMismatchClaimingTheMessageId(int offset) {
		byte[] frame = encode(fullMessage());
		frame[offset] ^= 0x10;

		FrameException ex = assertRejected(frame, ErrorCode.CHECKSUM_MISMATCH);
		assertThat(ex.isFrameSkippable()).isTrue();
		MessageId flippedId = new MessageId(MESSAGE_ID.high() ^ (0x10L << 32), MESSAGE_ID.low());
		assertThat(ex.getClaimedMessageId()).isEqualTo((offset == 52) ? flippedId : MESSAGE_ID);
	}

	@ParameterizedTest
	@CsvSource({ "13, 0", "13, 7", "13, 255", "14, 4", "14, 255", "15, 5", "15, 128" })
	void shouldRejectUnknownEnumValue(int offset, int value) {
		FrameException ex = assertRejected(rechecksum(putByte(encode(fullMessage()), offset, value)),
				ErrorCode.UNKNOWN_ENUM_VALUE);
		assertThat(ex.isFrameSkippable()).isTrue();
		assertThat(ex.getClaimedMessageId()).isEqualTo(MESSAGE_ID);
		assertThat(ex).hasMessageContaining("value " + value);
	}

	@ParameterizedTest
	@CsvSource({ "1, 0", "-1, 0", "0, 1", "0, -1", "1, -1", "-1, 1", "-71, 71", "1000, -1000" })
	void shouldRejectMetadataAndPayloadLengthsThatDisagreeWithFrame(int metadataDelta, int payloadDelta) {
		byte[] frame = encode(fullMessage());
		putInt(frame, METADATA_LENGTH_OFFSET, getInt(frame, METADATA_LENGTH_OFFSET) + metadataDelta);
		putInt(frame, PAYLOAD_LENGTH_OFFSET, getInt(frame, PAYLOAD_LENGTH_OFFSET) + payloadDelta);

		FrameException ex = assertRejected(rechecksum(frame), ErrorCode.MALFORMED_FRAME);
		assertThat(ex.isFrameSkippable()).isTrue();
		assertThat(ex.getClaimedMessageId()).isEqualTo(MESSAGE_ID);
	}

	@ParameterizedTest
	@CsvSource({ "0, 65535", "1, 1000", "3, 58", "3, 200", "5, 65535", "7, 4" })
	void shouldRejectStringRunningPastTheMetadata(int field, int length) {
		byte[] frame = encode(errorMessage());

		FrameException ex = assertRejected(rechecksum(putShort(frame, metadataField(frame, field), length)),
				ErrorCode.MALFORMED_FRAME);
		assertThat(ex).hasMessageContaining("metadata ends inside a");
	}

	@Test
	void shouldRejectErrorFlagWithoutRoomForErrorCode() {
		byte[] frame = encode(fullMessage());
		putShort(frame, FLAGS_OFFSET, MessageHeader.FLAG_ERROR_INFO);

		assertThat(assertRejected(rechecksum(frame), ErrorCode.MALFORMED_FRAME)).hasMessageContaining("error code");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3 })
	void shouldRejectTrailingMetadataBytes(int extra) {
		byte[] frame = encode(fullMessage());
		int metadataEnd = metadataField(frame, 4);
		frame = insert(frame, metadataEnd, new byte[extra]);
		putInt(frame, METADATA_LENGTH_OFFSET, getInt(frame, METADATA_LENGTH_OFFSET) + extra);

		FrameException ex = assertRejected(rechecksum(frame), ErrorCode.MALFORMED_FRAME);
		assertThat(ex).hasMessageContaining(extra + " bytes after its last field");
	}

	@ParameterizedTest
	@ValueSource(longs = { -1, Long.MIN_VALUE })
	void shouldRejectNegativeExpiration(long expiration) {
		FrameException ex = assertRejected(rechecksum(putLong(encode(fullMessage()), EXPIRATION_OFFSET, expiration)),
				ErrorCode.MALFORMED_FRAME);
		assertThat(ex).hasMessageContaining(Long.toString(expiration));
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 16, 99, 107, 65536, Integer.MAX_VALUE })
	void shouldDecodeUnknownErrorCodeAsUnknownKeepingText(int value) {
		byte[] frame = encode(errorMessage());
		putInt(frame, metadataField(frame, 4), value);

		ErrorInfo error = decode(rechecksum(frame)).getErrorInfo();

		assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN);
		assertThat(error.message()).contains(Integer.toString(value)).endsWith("handler failed");
		assertThat(error.category()).isEqualTo("INTERNAL");
		assertThat(error.context()).isEqualTo("add");
	}

	@Test
	void shouldIgnoreReservedBitsAndKeepUnknownFlags() {
		byte[] frame = encode(fullMessage());
		putShort(frame, RESERVED_OFFSET, 0xBEEF);
		putShort(frame, FLAGS_OFFSET, 0xF000 | MessageHeader.FLAG_DEDUPLICATE);

		Message decoded = decode(rechecksum(frame));

		assertThat(decoded.getHeader().getFlags()).isEqualTo(0xF000 | MessageHeader.FLAG_DEDUPLICATE);
		assertThat(decoded.getMetadata().getSubject()).isEqualTo("add");
	}

	@Test
	void shouldReplaceInvalidUtf8RatherThanFail() {
		byte[] frame = encode(fullMessage());
		frame[metadataField(frame, 2) + 2] = (byte) 0xFF;

		assertThat(decode(rechecksum(frame)).getMetadata().getSubject()).isEqualTo("\uFFFDdd");
	}

	@ParameterizedTest
	@CsvSource({ "0, 257, 100", "0, 300, 257", "-1, 100, 300", "2147483647, 16, 300", "100, 2147483647, 300" })
	void shouldRejectRangeBeyondTheBufferLimitAsTruncated(int offset, int length, int limit) {
		ByteBuffer buffer = ByteBuffer.allocate(300).put(0, encode(fullMessage())).limit(limit);

		FrameException ex = catchThrowableOfType(() -> this.decoder.decode(buffer, offset, length, true),
				FrameException.class);
		assertThat(ex).as("offset %d, length %d, limit %d", offset, length, limit).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.FRAME_TRUNCATED);
	}

	@Test
	void shouldKeepDecodingAfterRejectedFrames() {
		byte[] bad = encode(fullMessage());
		bad[100] ^= 1;
		assertRejected(bad, ErrorCode.CHECKSUM_MISMATCH);

		assertThat(this.decoder.decode(ByteBuffer.wrap(encode(fullMessage())), 0, frameLength(), false)
			.getMetadata()
			.getSubject()).isEqualTo("add");
	}

	@Test
	void whenChecksumsAreNotVerifiedThenEveryOtherCheckStillApplies() {
		FrameDecoder unverified = new FrameDecoder(MAX, false);
		byte[] damagedPayload = encode(fullMessage());
		damagedPayload[damagedPayload.length - 1] ^= 1;
		byte[] damagedType = putByte(encode(fullMessage()), TYPE_OFFSET, 0x7F);

		assertThat(unverified.decode(ByteBuffer.wrap(damagedPayload), 0, damagedPayload.length, true)
			.getPayloadSize()).isEqualTo(100);
		assertThat(catchThrowableOfType(() -> unverified.decode(ByteBuffer.wrap(damagedType), 0, damagedType.length,
				true), FrameException.class).getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_ENUM_VALUE);
	}

	private FrameException assertRejected(byte[] frame, ErrorCode code) {
		FrameException ex = catchThrowableOfType(
				() -> this.decoder.decode(ByteBuffer.wrap(frame), 0, frame.length, true), FrameException.class);
		assertThat(ex).as("decoding %s", hex(frame)).isNotNull();
		assertThat(ex.getErrorCode()).as(ex.getMessage()).isEqualTo(code);
		assertThat(ex.getErrorInfo().code()).isEqualTo(code);
		assertThat(ex.getErrorInfo().category()).isEqualTo("FRAME");
		return ex;
	}

}
