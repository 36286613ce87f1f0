package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;
import java.util.Map;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import org.jspecify.annotations.Nullable;

/**
 * A request as a handler sees it.
 * <p>
 * Like a {@linkplain Message#isPayloadTransient() transient} message, the request a handler gets for one is valid
 * only until the handler returns: the stub may reuse it for the next request.
 *
 * @since 0.1.0
 */
public final class ServiceRequest {

	private static final Message NONE = new Message();

	private Message message;

	private long deadlineNanos;

	private boolean inUse;

	ServiceRequest(Message message, long deadlineNanos) {
		this.message = message;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * Creates a reusable request, for the stub's inline path: see {@link #acquire}.
	 */
	ServiceRequest() {
		this(NONE, 0);
	}

	/**
	 * Points this reusable request at a message for one handler call.
	 * @param request the request message
	 * @param deadline the deadline in {@link System#nanoTime()} terms
	 * @return whether it was free; {@code false} if a handler on this thread is still using it (a nested call)
	 */
	boolean acquire(Message request, long deadline) {
		if (this.inUse) {
			return false;
		}
		this.inUse = true;
		this.message = request;
		this.deadlineNanos = deadline;
		return true;
	}

	/**
	 * Frees this reusable request after the handler call, forgetting the message.
	 */
	void release() {
		this.message = NONE;
		this.inUse = false;
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
	 * Returns the request's metadata: endpoints, content type, deadline, retry count, headers.
	 * @return the metadata
	 */
	public MessageMetadata metadata() {
		return this.message.getMetadata();
	}

	/**
	 * Returns the value of one of the request's headers, such as {@code authorization} or {@code traceparent}.
	 * @param name the header name, case-sensitive (lower case by convention)
	 * @return the value, or {@code null} if the request has no such header
	 * @see MessageMetadata#getHeader(String)
	 */
	public @Nullable String getHeader(String name) {
		return this.message.getMetadata().getHeader(name);
	}

	/**
	 * Returns the request's headers. Like the request itself, the map is valid only until the handler returns: a
	 * transport may reuse it for the next request, so a handler that keeps headers copies them.
	 * @return an unmodifiable, insertion-ordered view, empty when the request has none
	 * @see MessageMetadata#getHeaders()
	 */
	public Map<String, String> getHeaders() {
		return this.message.getMetadata().getHeaders();
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
