package io.cdmf.ipc.transport.datagram;

import java.nio.ByteBuffer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DatagramFrames} and {@link DatagramRejections}: what goes into one datagram and what comes out of one.
 */
class DatagramFramesTests {

	private final DatagramFrames frames = new DatagramFrames(new FrameEncoder(1 << 20), 4096,
			"Use a stream transport.");

	@Test
	void shouldEncodeAMessageThatDecodesBackFromTheDatagram() {
		Message request = Message.request("echo", ByteBuffer.wrap(new byte[] { 1, 2, 3 }));

		ByteBuffer datagram = this.frames.encode(request, "udp://localhost:1");

		assertThat(datagram.position()).isZero();
		Message decoded = DatagramRejections.decode(new FrameDecoder(1 << 20), datagram, datagram.remaining(), 4096);
		assertThat(decoded.getMessageId()).isEqualTo(request.getMessageId());
		assertThat(decoded.getPayloadBytes()).containsExactly(1, 2, 3);
	}

	@Test
	void shouldRefuseAMessageOverTheLimitBeforeEncodingIt() {
		Message large = Message.request("echo", ByteBuffer.wrap(new byte[5000]));

		assertThatThrownBy(() -> this.frames.encode(large, "udp://localhost:1")).isInstanceOf(IpcException.class)
			.satisfies(ex -> assertThat(((IpcException) ex).getErrorCode()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE))
			.hasMessageContaining("limit of 4096 bytes of udp://localhost:1")
			.hasMessageContaining("Use a stream transport.");
	}

	@Test
	void shouldHoldALowerLimitWithTheSameAdvice() {
		DatagramFrames lower = this.frames.withLimit(200);
		Message message = Message.request("echo", ByteBuffer.wrap(new byte[300]));

		assertThat(lower.limit()).isEqualTo(200);
		assertThat(this.frames.withLimit(4096)).isSameAs(this.frames);
		assertThat(this.frames.encode(message, "x").remaining()).isGreaterThan(300);
		assertThatThrownBy(() -> lower.encode(message, "x")).hasMessageContaining("limit of 200 bytes")
			.hasMessageContaining("Use a stream transport.");
	}

	@Test
	void shouldRejectAReceivedDatagramOverTheLimit() {
		ByteBuffer datagram = this.frames.encode(Message.request("echo", ByteBuffer.wrap(new byte[100])), "x");

		assertThatThrownBy(() -> DatagramRejections.decode(new FrameDecoder(1 << 20), datagram,
				datagram.remaining(), 64))
			.isInstanceOf(FrameException.class)
			.satisfies(ex -> assertThat(((FrameException) ex).getErrorCode()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
	}

	@Test
	void shouldAnswerOnlyRejectionsThatNameTheirMessage() {
		MessageId id = MessageId.next();
		FrameException named = FrameException.skippable(ErrorCode.CHECKSUM_MISMATCH, "bad checksum", id);
		FrameException fatal = FrameException.fatal(ErrorCode.FRAME_TOO_LARGE, "too large");

		Message answer = DatagramRejections.answerTo(named, new TestOrigin());

		assertThat(answer).isNotNull();
		assertThat(answer.getHeader().getCorrelationId()).isEqualTo(id);
		assertThat(answer.getErrorInfo()).isNotNull();
		assertThat(answer.getErrorInfo().code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		assertThat(answer.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).as("a rejected frame ran nothing")
			.isTrue();
		assertThat(DatagramRejections.answerTo(fatal, new TestOrigin())).isNull();
	}

	private static final class TestOrigin implements io.cdmf.ipc.message.MessageOrigin {

		@Override
		public String describe() {
			return "test sender";
		}

	}

}
