package io.cdmf.ipc.channel.internal;

import java.util.HashMap;
import java.util.Map;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ClientCall} of one call of a channel with interceptors.
 */
final class DefaultClientCall implements ClientCall {

	private final String service;

	private final Kind kind;

	private final CallOptions options;

	private final Message request;

	private final long startNanos;

	private volatile TransportType transport;

	private volatile @Nullable String endpoint;

	private volatile int attempts;

	private @Nullable Map<Object, Object> attributes;

	/** The interceptors of this call, as they were when it started. */
	ClientInterceptor[] chain = new ClientInterceptor[0];

	/** How many interceptors ran {@code beforeCall}: only these run {@code afterCall}. */
	int started;

	/** The result of an interceptor's refusal, or null. */
	@Nullable CallResult refusal;

	DefaultClientCall(String service, Kind kind, CallOptions options, Message request, TransportType transport,
			long startNanos) {
		this.service = service;
		this.kind = kind;
		this.options = options;
		this.request = request;
		this.transport = transport;
		this.startNanos = startNanos;
	}

	void attempted(ClientConnection connection) {
		this.attempts++;
		this.transport = connection.transportType();
		this.endpoint = connection.destination();
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String method() {
		return this.request.getMetadata().getSubject();
	}

	@Override
	public Kind kind() {
		return this.kind;
	}

	@Override
	public CallOptions options() {
		return this.options;
	}

	@Override
	public MessageMetadata requestMetadata() {
		return this.request.getMetadata();
	}

	@Override
	public TransportType transport() {
		return this.transport;
	}

	@Override
	public @Nullable String endpoint() {
		return this.endpoint;
	}

	@Override
	public int attempts() {
		return this.attempts;
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

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
		return "ClientCall[" + this.service + "." + method() + ", " + this.kind + ", attempts " + this.attempts + "]";
	}

}
