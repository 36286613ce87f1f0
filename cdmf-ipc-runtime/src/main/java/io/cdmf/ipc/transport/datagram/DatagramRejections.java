package io.cdmf.ipc.transport.datagram;

import java.nio.ByteBuffer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.TransportError;
import org.jspecify.annotations.Nullable;

/**
 * Decoding a received datagram and answering one that is rejected, the same way on every datagram transport: a
 * datagram over the limit or a frame that fails to decode is dropped, reported, and, when the frame named its
 * message id, answered with an {@code ERROR} so the sender fails at once instead of waiting for its timeout.
 *
 * @since 0.1.0
 */
public final class DatagramRejections {

	private DatagramRejections() {
	}

	/**
	 * Decodes one datagram.
	 * @param decoder the receive thread's decoder
	 * @param buffer the datagram, from position 0
	 * @param length the datagram's length
	 * @param limit the datagram limit
	 * @return the message
	 * @throws FrameException with {@code FRAME_TOO_LARGE} over the limit, or as the decoder
	 */
	public static Message decode(FrameDecoder decoder, ByteBuffer buffer, int length, int limit) {
		if (length > limit) {
			throw FrameException.fatal(ErrorCode.FRAME_TOO_LARGE, "datagram of " + length
					+ " bytes is larger than the datagram limit of " + limit + " bytes");
		}
		return decoder.decode(buffer, 0, length, true);
	}

	/**
	 * Returns the {@code ERROR} answer to a rejected frame, if the frame can be answered: it was skippable (the
	 * header was sound) and claimed a message id.
	 * @param rejection why the frame was rejected
	 * @param peer its sender
	 * @return the answer, addressed to {@code peer}, or {@code null}
	 */
	public static @Nullable Message answerTo(FrameException rejection, MessageOrigin peer) {
		if (!rejection.isFrameSkippable() || rejection.getClaimedMessageId().isNone()) {
			return null;
		}
		Message error = Message.create(MessageType.ERROR).setErrorInfo(rejection.getErrorInfo());
		// A datagram that could not be read ran nothing: the caller may send its request elsewhere.
		error.getHeader()
			.setCorrelationId(rejection.getClaimedMessageId())
			.setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
		error.setOrigin(peer);
		return error;
	}

	/**
	 * Describes a failed answer to a rejected frame, for the transport's error callback.
	 * @param peer the sender that could not be answered
	 * @param failure why
	 * @param endpoint the receiving endpoint
	 * @return the error to report
	 */
	public static TransportError answerFailed(Connection peer, IpcException failure, String endpoint) {
		String text = "Could not answer a rejected datagram from " + peer.describe() + ": " + failure.getMessage();
		return new TransportError(ErrorInfo.of(failure.getErrorCode(), text, endpoint), peer, false, failure);
	}

}
