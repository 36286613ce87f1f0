package io.cdmf.ipc.transport.grpc;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;

/**
 * Opens the package-private {@link EnvelopeCodec} to the fuzz targets in {@code io.cdmf.ipc.fuzz}.
 *
 * @since 0.1.0
 */
public final class EnvelopeCodecAccess {

	private EnvelopeCodecAccess() {
	}

	/**
	 * Reads an envelope as the gRPC transport reads every envelope it receives.
	 * @param envelope the envelope
	 * @param callDeadlineMillis the call's deadline, 0 for none
	 * @return the message
	 * @see EnvelopeCodec#fromEnvelope(EnvelopeMessage, long)
	 */
	public static Message fromEnvelope(EnvelopeMessage envelope, long callDeadlineMillis) {
		return EnvelopeCodec.fromEnvelope(envelope, callDeadlineMillis);
	}

	/**
	 * Writes a message as the gRPC transport writes every envelope it sends.
	 * @param message the message
	 * @return the envelope
	 */
	public static EnvelopeMessage toEnvelope(Message message) {
		return EnvelopeCodec.toEnvelope(message);
	}

}
