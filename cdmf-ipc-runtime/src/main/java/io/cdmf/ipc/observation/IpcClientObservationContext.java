package io.cdmf.ipc.observation;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.transport.TransportType;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What the observation of a client call knows: the call, and once it ended its outcome. The carrier is the request's
 * {@link MessageMetadata}: a tracing handler writes the trace context ({@code traceparent}, {@code tracestate},
 * baggage) into its headers when the observation starts, before the first attempt is sent, and every attempt carries
 * them.
 *
 * @since 0.1.0
 */
public class IpcClientObservationContext extends SenderContext<MessageMetadata> {

	private final ClientCall call;

	private volatile @Nullable ErrorCode outcome;

	/**
	 * Creates the context of a call.
	 * @param call the call
	 */
	public IpcClientObservationContext(ClientCall call) {
		super(IpcClientObservationContext::setHeader,
				(call.kind() == ClientCall.Kind.ONE_WAY) ? Kind.PRODUCER : Kind.CLIENT);
		this.call = call;
		setCarrier(call.requestMetadata());
		setRemoteServiceName(call.service());
	}

	private static void setHeader(@Nullable MessageMetadata carrier, String key, String value) {
		if (carrier != null) {
			carrier.setHeader(key, value);
		}
	}

	/**
	 * Returns the call.
	 * @return the call
	 */
	public ClientCall getCall() {
		return this.call;
	}

	/**
	 * Returns the called service's name.
	 * @return the service name
	 */
	public String getService() {
		return this.call.service();
	}

	/**
	 * Returns the remote method's name.
	 * @return the method name
	 */
	public String getMethod() {
		return this.call.method();
	}

	/**
	 * Returns the transport of the last attempt (of the channel's first endpoint before any).
	 * @return the transport type
	 */
	public TransportType getTransport() {
		return this.call.transport();
	}

	/**
	 * Returns how the call ended.
	 * @return {@link ErrorCode#OK} or why it failed, {@code null} while it runs
	 */
	public @Nullable ErrorCode getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(ErrorCode outcome) {
		this.outcome = outcome;
	}

}
