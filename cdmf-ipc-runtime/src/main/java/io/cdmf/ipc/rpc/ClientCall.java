package io.cdmf.ipc.rpc;

import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * One call as its {@link ClientInterceptor}s see it: what is called, how, where it went, and attributes the
 * interceptors leave for each other. Made by the channel for each call, used from the caller's thread and then from
 * the thread that finishes the call, never from two at once.
 *
 * @since 0.1.0
 */
public interface ClientCall {

	/**
	 * The ways a call can be made.
	 */
	enum Kind {

		/** The caller waits for the result. */
		SYNC,

		/** The caller gets a future. */
		ASYNC,

		/** No response is expected. */
		ONE_WAY

	}

	/**
	 * Returns the called service's name.
	 * @return the service name
	 */
	String service();

	/**
	 * Returns the remote method's name.
	 * @return the method name
	 */
	String method();

	/**
	 * Returns how the call is made.
	 * @return the kind
	 */
	Kind kind();

	/**
	 * Returns the per-call settings the caller gave.
	 * @return the options
	 */
	CallOptions options();

	/**
	 * Returns the metadata of the request: set headers or the content type here in
	 * {@link ClientInterceptor#beforeCall}; every attempt sends it.
	 * @return the request's metadata
	 */
	MessageMetadata requestMetadata();

	/**
	 * Returns the transport of the endpoint the last attempt went to, or the channel's first endpoint's before any
	 * attempt.
	 * @return the transport type
	 */
	TransportType transport();

	/**
	 * Returns the endpoint the last attempt went to.
	 * @return the endpoint URI, or {@code null} before the first attempt or when no endpoint could be picked
	 */
	@Nullable String endpoint();

	/**
	 * Returns how many attempts were sent so far.
	 * @return the attempts, 0 before the first
	 */
	int attempts();

	/**
	 * Returns when the call started, as {@link System#nanoTime()}.
	 * @return the start time
	 */
	long startNanos();

	/**
	 * Returns an attribute an interceptor stored.
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	@Nullable Object getAttribute(Object key);

	/**
	 * Stores an attribute for this call, for example a span to end in {@code afterCall}.
	 * @param key the key; use a private constant object to keep interceptors apart
	 * @param value the value, {@code null} to remove
	 */
	void setAttribute(Object key, @Nullable Object value);

}
