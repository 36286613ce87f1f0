package io.cdmf.ipc.rpc;

import java.util.HashMap;
import java.util.Map;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ServerCall} of one request to a stub with interceptors: made on the receiving thread, then handed with
 * the request to the thread that runs the handler and to the one that answers it.
 */
final class DefaultServerCall implements ServerCall {

	private final String service;

	private final String method;

	private final TransportType transport;

	private final boolean oneWay;

	/** The interceptors of this request, as they were when it arrived. */
	final ServerInterceptor[] chain;

	/** How many interceptors ran {@code onRequest}: only these run {@code onComplete}. */
	int started;

	/** Whether the request repeats a deduplicated one and was answered from that one's run. */
	boolean repeat;

	/**
	 * The request; replaced by the stub's own copy before the request leaves the receiving thread, since the
	 * transport may reuse the message it delivered.
	 */
	private volatile Message request;

	private @Nullable Map<Object, Object> attributes;

	DefaultServerCall(String service, String method, Message request, TransportType transport, boolean oneWay,
			ServerInterceptor[] chain) {
		this.service = service;
		this.method = method;
		this.request = request;
		this.transport = transport;
		this.oneWay = oneWay;
		this.chain = chain;
	}

	/**
	 * Points this call at the copy of the request that outlives its delivery.
	 * @param owned the copy
	 */
	void requestOwned(Message owned) {
		this.request = owned;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public Message request() {
		return this.request;
	}

	@Override
	public PeerCredentials peer() {
		return (this.request.getOrigin() instanceof Connection connection) ? connection.peerCredentials()
				: PeerCredentials.UNKNOWN;
	}

	@Override
	public TransportType transport() {
		return this.transport;
	}

	@Override
	public boolean isOneWay() {
		return this.oneWay;
	}

	// A request that overran its deadline is completed by the sweep while its handler may still run: attributes
	// can be read from two threads at once then.

	@Override
	public synchronized @Nullable Object getAttribute(Object key) {
		return (this.attributes != null) ? this.attributes.get(key) : null;
	}

	@Override
	public synchronized void setAttribute(Object key, @Nullable Object value) {
		if (value == null) {
			if (this.attributes != null) {
				this.attributes.remove(key);
			}
			return;
		}
		if (this.attributes == null) {
			this.attributes = new HashMap<>(4);
		}
		this.attributes.put(key, value);
	}

	@Override
	public String toString() {
		return "ServerCall[" + this.service + "." + this.method + ", " + this.transport
				+ (this.oneWay ? ", one-way]" : "]");
	}

}
