package io.cdmf.ipc.observation;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.transport.TransportType;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * What the observation of a served request knows: the request, and once it ended its outcome. The carrier is the
 * request's {@link MessageMetadata}: a tracing handler reads the caller's trace context ({@code traceparent},
 * {@code tracestate}, baggage) from its headers when the observation starts, so that the server span is a child of
 * the client span in the other process.
 *
 * @since 0.1.0
 */
public class IpcServerObservationContext extends ReceiverContext<MessageMetadata> {

	private final String service;

	private final String method;

	private final TransportType transport;

	private final ServerCall call;

	private volatile @Nullable ErrorCode outcome;

	/**
	 * Creates the context of a request.
	 * @param call the request
	 */
	public IpcServerObservationContext(ServerCall call) {
		super(IpcServerObservationContext::getHeader, call.isOneWay() ? Kind.CONSUMER : Kind.SERVER);
		this.call = call;
		// Read now: the request is only valid until the stub answers it.
		this.service = call.service();
		this.method = call.method();
		this.transport = call.transport();
		setCarrier(call.request().getMetadata());
		String source = call.request().getMetadata().getSourceEndpoint();
		if (!source.isEmpty()) {
			setRemoteServiceName(source);
		}
	}

	private static @Nullable String getHeader(MessageMetadata carrier, String key) {
		return carrier.getHeader(key);
	}

	/**
	 * Returns the request as the stub's interceptors see it; its message is only valid until the stub answers it.
	 * @return the request
	 */
	public ServerCall getCall() {
		return this.call;
	}

	/**
	 * Returns the service's name.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

	/**
	 * Returns the called method's name.
	 * @return the method name, {@code UNKNOWN} for a method the service does not have
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Returns the transport the request came over.
	 * @return the transport type
	 */
	public TransportType getTransport() {
		return this.transport;
	}

	/**
	 * Returns how the request ended.
	 * @return {@link ErrorCode#OK} or why it failed, {@code null} while it runs
	 */
	public @Nullable ErrorCode getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the request ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(ErrorCode outcome) {
		this.outcome = outcome;
	}

}
