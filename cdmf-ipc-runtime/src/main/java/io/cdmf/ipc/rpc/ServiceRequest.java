package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * A request as a handler sees it.
 *
 * @since 0.1.0
 */
public final class ServiceRequest {

	private final Message message;

	private final long deadlineNanos;

	ServiceRequest(Message message, long deadlineNanos) {
		this.message = message;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * Returns the method name.
	 * @return the method
	 */
	public String method() {
		return this.message.getMetadata().getSubject();
	}

	/**
	 * Returns the payload without copying; a view over transport memory is valid until the handler returns.
	 * @return a read-only buffer, position to limit
	 */
	public ByteBuffer payload() {
		return this.message.getPayload().asReadOnlyBuffer();
	}

	/**
	 * Returns a copy of the payload.
	 * @return the payload bytes
	 */
	public byte[] payloadBytes() {
		return this.message.getPayloadBytes();
	}

	/**
	 * Returns the format the caller declared for the payload.
	 * @return the format
	 */
	public SerializationFormat format() {
		return this.message.getHeader().getFormat();
	}

	/**
	 * Returns the request's metadata: endpoints, content type, deadline, retry count.
	 * @return the metadata
	 */
	public MessageMetadata metadata() {
		return this.message.getMetadata();
	}

	/**
	 * Returns the whole request message.
	 * @return the message
	 */
	public Message message() {
		return this.message;
	}

	/**
	 * Returns who the caller is, as the transport tells it.
	 * @return the credentials
	 */
	public PeerCredentials peer() {
		return (this.message.getOrigin() instanceof Connection connection) ? connection.peerCredentials()
				: PeerCredentials.UNKNOWN;
	}

	/**
	 * Returns how long is left before the caller stops waiting.
	 * @return nanoseconds left, negative if the deadline passed
	 */
	public long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

}
