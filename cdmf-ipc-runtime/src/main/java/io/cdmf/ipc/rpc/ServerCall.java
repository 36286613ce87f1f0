package io.cdmf.ipc.rpc;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * One request as the {@link ServerInterceptor}s of a stub see it. Made by the stub for each request when it has
 * interceptors, and shared by all of them, where they can leave attributes for each other and for their own later
 * steps. Used by one thread at a time, except that the deadline sweep may complete a request whose handler still
 * runs; attributes are safe to use from several threads.
 *
 * @since 0.1.0
 */
public interface ServerCall {

	/**
	 * Returns the service's name.
	 * @return the service name
	 */
	String service();

	/**
	 * Returns the called method's name.
	 * @return the method name, {@link CallListener#UNKNOWN_METHOD} for a method the service does not have (the
	 * name the caller sent is the request's {@link io.cdmf.ipc.message.MessageMetadata#getSubject() subject})
	 */
	String method();

	/**
	 * Returns the request: its header, metadata (headers included) and payload. Only valid until the stub answers
	 * it; a payload may be a view over transport memory, so copy what you keep.
	 * @return the request message
	 */
	Message request();

	/**
	 * Returns who sent the request, as the operating system or TLS tells it.
	 * @return the credentials, {@link PeerCredentials#UNKNOWN} where the transport cannot tell
	 */
	PeerCredentials peer();

	/**
	 * Returns the transport the request came over.
	 * @return the transport type
	 */
	TransportType transport();

	/**
	 * Returns whether the caller expects no response.
	 * @return whether the request is one-way
	 */
	boolean isOneWay();

	/**
	 * Returns an attribute an interceptor stored.
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	@Nullable Object getAttribute(Object key);

	/**
	 * Stores an attribute for this request.
	 * @param key the key; use a private constant object to keep interceptors apart
	 * @param value the value, {@code null} to remove
	 */
	void setAttribute(Object key, @Nullable Object value);

}
