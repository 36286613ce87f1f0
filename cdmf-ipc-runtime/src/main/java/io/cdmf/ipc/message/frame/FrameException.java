package io.cdmf.ipc.message.frame;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.MessageId;

/**
 * Bytes that are not a valid frame, or a message that cannot be written as one. The only exception the frame codec
 * throws.
 * <p>
 * Built without a stack trace: bad frames can arrive at a high rate, and the code says all there is to say.
 *
 * @since 0.1.0
 */
public final class FrameException extends IpcException {

	private static final long serialVersionUID = 1L;

	private final transient MessageId claimedMessageId;

	private final boolean frameSkippable;

	private FrameException(ErrorInfo errorInfo, MessageId claimedMessageId, boolean frameSkippable) {
		super(errorInfo, false);
		this.claimedMessageId = claimedMessageId;
		this.frameSkippable = frameSkippable;
	}

	/**
	 * Creates an exception for a frame whose extent is unknown: a stream reader must close the connection.
	 * @param code the error code
	 * @param message what is wrong
	 * @return the exception
	 */
	public static FrameException fatal(ErrorCode code, String message) {
		return new FrameException(ErrorInfo.of(code, message, "frame"), MessageId.NONE, false);
	}

	/**
	 * Creates an exception for a frame whose extent is known: a stream reader may skip it and read on.
	 * @param code the error code
	 * @param message what is wrong
	 * @param claimedMessageId the message id the frame claims, for an error reply; {@link MessageId#NONE} if unknown
	 * @return the exception
	 */
	public static FrameException skippable(ErrorCode code, String message, MessageId claimedMessageId) {
		return new FrameException(ErrorInfo.of(code, message, "frame"), claimedMessageId, true);
	}

	/**
	 * Returns the message id the bad frame claims, so that an error reply can be correlated with the call that sent
	 * it. Not to be trusted beyond that: the frame failed its checks.
	 * @return the claimed id, or {@link MessageId#NONE}
	 */
	public MessageId getClaimedMessageId() {
		return this.claimedMessageId;
	}

	/**
	 * Returns whether the frame's extent is known, so that a stream reader can skip it and go on reading.
	 * @return whether the frame can be skipped
	 */
	public boolean isFrameSkippable() {
		return this.frameSkippable;
	}

}
