package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link FrameEncoder} and {@link FrameDecoder} with message headers: metadata field 9 and flag
 * {@link MessageHeader#FLAG_HEADERS}.
 */
class FrameEncoderHeadersTests {

	@Test
	void shouldWriteHeadersLastAsCountThenNameAndValueStrings() {
		Message message = fullMessage();
		message.getMetadata().setHeader("a", "xy").setHeader("tenant", "");
		ByteBuffer frame = le(encode(message));

		int start = headersOffset(frame.array());
		assertThat(frame.getShort(start)).isEqualTo((short) 2);
		assertThat(frame.getShort(start + 2)).isEqualTo((short) 1);
		assertThat(frame.get(start + 4)).isEqualTo((byte) 'a');
		assertThat(frame.getShort(start + 5)).isEqualTo((short) 2);
		assertThat(new String(frame.array(), start + 7, 2, StandardCharsets.US_ASCII)).isEqualTo("xy");
		assertThat(frame.getShort(start + 9)).isEqualTo((short) 6);
		assertThat(new String(frame.array(), start + 11, 6, StandardCharsets.US_ASCII)).isEqualTo("tenant");
		assertThat(frame.getShort(start + 17)).isZero();
		assertThat(payloadOffset(frame.getInt(METADATA_LENGTH_OFFSET))).isEqualTo(start + 19);
	}

	@Test
	void shouldWriteHeadersAfterTheErrorFields() {
		Message message = errorMessage();
		message.getMetadata().setHeader("k", "v");
		byte[] frame = encode(message);

		int start = headersOffset(frame);
		assertThat(start).isGreaterThan(metadataField(frame, 7));
		assertThat(le(frame).getShort(start)).isEqualTo((short) 1);
		assertRoundTrip(message);
	}

	@Test
	void shouldSetHeadersFlagFromTheMetadataNotFromTheHeader() {
		Message without = fullMessage();
		without.getHeader().setFlags(MessageHeader.FLAG_HEADERS | MessageHeader.FLAG_ONE_WAY);
		Message with = headersMessage();
		with.getHeader().setFlags(0);

		assertThat(le(encode(without)).getShort(FLAGS_OFFSET)).isEqualTo((short) MessageHeader.FLAG_ONE_WAY);
		assertThat(le(encode(with)).getShort(FLAGS_OFFSET)).isEqualTo((short) MessageHeader.FLAG_HEADERS);
	}

	@Test
	void whenEveryHeaderIsRemovedThenTheFrameHasNoHeadersSection() {
		Message message = fullMessage();
		message.getMetadata().setHeader("a", "b").removeHeader("a");

		assertThat(encode(message)).isEqualTo(encode(fullMessage()));
	}

	@ParameterizedTest
	@MethodSource("headerSets")
	void shouldRoundTripHeadersInOrder(String description, Message message) {
		Message decoded = decode(encode(message));

		assertDecodedAs(decoded, message);
		assertThat(decoded.getMetadata().getHeaders().keySet())
			.containsExactlyElementsOf(message.getMetadata().getHeaders().keySet());
		assertThat(decoded.getHeader().hasFlag(MessageHeader.FLAG_HEADERS))
			.isEqualTo(message.getMetadata().hasHeaders());
	}

	static Stream<Arguments> headerSets() {
		Message many = fullMessage();
		for (int i = 0; i < 300; i++) {
			many.getMetadata().setHeader("h-" + (299 - i), "value " + i);
		}
		Message unicode = fullMessage();
		unicode.getMetadata()
			.setHeader("名前", "値 ☃")
			.setHeader("emoji-😀", "😀😀")
			.setHeader("nul\u0000", "\u0000");
		Message withError = errorMessage();
		withError.getMetadata().setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		return Stream.of(Arguments.of("none", fullMessage()), Arguments.of("one", oneHeader("authorization", "x")),
				Arguments.of("several", headersMessage()), Arguments.of("many", many),
				Arguments.of("unicode", unicode), Arguments.of("with error info", withError));
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "€", "😀" })
	void shouldRoundTripNameAndValueOfTheMaximumLength(String unit) {
		int bytes = unit.getBytes(StandardCharsets.UTF_8).length;
		String longest = unit.repeat(MessageMetadata.MAX_STRING_BYTES / bytes)
				+ "x".repeat(MessageMetadata.MAX_STRING_BYTES % bytes);
		assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(MessageMetadata.MAX_STRING_BYTES);

		assertRoundTrip(oneHeader(longest, longest));
	}

	@Test
	void shouldRoundTripTheMaximumNumberOfHeaders() {
		Message message = fullMessage();
		for (int i = 0; i < MessageMetadata.MAX_HEADERS; i++) {
			message.getMetadata().setHeader(Integer.toString(i, 36), "");
		}
		byte[] frame = encode(message);

		assertThat(le(frame).getShort(headersOffset(frame)) & 0xFFFF).isEqualTo(MessageMetadata.MAX_HEADERS);
		assertRoundTrip(message);
	}

	@Test
	void shouldCountHeadersInTheFrameLength() {
		FrameEncoder encoder = new FrameEncoder(MAX);
		Message message = headersMessage();

		assertThat(encoder.frameLength(message)).isEqualTo(encoder.encode(message).remaining())
			.isGreaterThan(encoder.frameLength(fullMessage()));
	}

	@Test
	void whenHeadersMakeTheFrameTooLargeThenNothingIsWritten() {
		FrameEncoder small = new FrameEncoder(4096);
		Message message = fullMessage();
		message.getMetadata().setHeader("big", "v".repeat(4000));

		FrameException ex = catchThrowableOfType(() -> small.encode(message), FrameException.class);

		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
	}

	@Test
	void shouldRoundTripHeadersAndErrorInfoTogether() {
		Message message = headersMessage().setErrorInfo(new ErrorInfo(ErrorCode.UNAUTHENTICATED, "no", "SECURITY", ""));

		Message decoded = decode(encode(message));

		assertDecodedAs(decoded, message);
		assertThat(decoded.getHeader().hasFlag(MessageHeader.FLAG_ERROR_INFO)).isTrue();
		assertThat(decoded.getHeader().hasFlag(MessageHeader.FLAG_HEADERS)).isTrue();
	}

	private static Message oneHeader(String name, String value) {
		Message message = fullMessage();
		message.getMetadata().setHeader(name, value);
		return message;
	}

	private static void assertRoundTrip(Message message) {
		assertDecodedAs(decode(encode(message)), message);
	}

}
