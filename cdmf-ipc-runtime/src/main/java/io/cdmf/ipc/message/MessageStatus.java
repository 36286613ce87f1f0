package io.cdmf.ipc.message;

/**
 * Where a message is in its local life. Status is kept by each side for itself and is not written to the wire.
 *
 * @since 0.1.0
 */
public enum MessageStatus {

	/** Built, not yet handed to a transport. */
	CREATED,
	/** Written to a transport. */
	SENT,
	/** Decoded from a transport. */
	RECEIVED,
	/** Handled: a handler ran or a response was matched to its call. */
	PROCESSED,
	/** Sending or handling failed; see the message's {@link ErrorInfo}. */
	FAILED,
	/** No answer arrived in time. */
	TIMED_OUT

}
