package io.cdmf.ipc.observation;

import java.util.Objects;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientInterceptor} that makes a Micrometer {@link Observation} of every call of a channel
 * ({@link IpcObservationDocumentation#CLIENT_CALL}): started before the first attempt, with the current observation
 * of the calling thread as its parent, and stopped exactly once with the call's final result (after every retry),
 * whether the call succeeded, failed remotely, timed out, was refused by the circuit breaker or by another
 * interceptor. A tracing handler writes the trace context into the request's headers when it starts, so every
 * transport carries it to the server.
 * <p>
 * Add it first among a channel's interceptors, so that it sees every other interceptor's refusal:
 * <pre class="code">
 * ChannelConfig config = ChannelConfig.custom("calc")
 *     .endpoint("unix:///tmp/calc.sock")
 *     .interceptor(new ObservationClientInterceptor(observationRegistry))
 *     .build();
 * </pre>
 * With {@link ObservationRegistry#NOOP}, or a registry with no handler, a call allocates nothing here and pays only
 * the channel's interceptor bookkeeping; leave the interceptor out to pay nothing.
 *
 * @since 0.1.0
 */
public final class ObservationClientInterceptor implements ClientInterceptor {

	/** The attribute under which a call keeps its observation. */
	private static final Object OBSERVATION = new Object();

	private final ObservationRegistry registry;

	private final @Nullable IpcClientObservationConvention convention;

	/**
	 * Creates an interceptor with the default convention.
	 * @param registry the registry to observe calls in
	 */
	public ObservationClientInterceptor(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates an interceptor.
	 * @param registry the registry to observe calls in
	 * @param convention the convention that names and tags the observations, or {@code null} for
	 * {@link DefaultIpcClientObservationConvention}
	 */
	public ObservationClientInterceptor(ObservationRegistry registry,
			@Nullable IpcClientObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
	}

	@Override
	public void beforeCall(ClientCall call) {
		if (this.registry.isNoop()) {
			// Checked first so that a no-op registry costs no context supplier either.
			return;
		}
		Observation observation = IpcObservationDocumentation.CLIENT_CALL.observation(this.convention,
				DefaultIpcClientObservationConvention.INSTANCE, () -> new IpcClientObservationContext(call),
				this.registry);
		if (observation.isNoop()) {
			return;
		}
		call.setAttribute(OBSERVATION, observation.start());
	}

	@Override
	public void afterCall(ClientCall call, CallResult result) {
		if (!(call.getAttribute(OBSERVATION) instanceof Observation observation)) {
			return;
		}
		// Removed first: whatever happens below, this call's observation is stopped once.
		call.setAttribute(OBSERVATION, null);
		if (observation.getContext() instanceof IpcClientObservationContext context) {
			context.setOutcome(result.errorCode());
		}
		if (!result.isSuccess()) {
			observation.error(failure(result));
		}
		observation.stop();
	}

	static IpcException failure(CallResult result) {
		ErrorInfo error = result.errorInfo();
		return IpcException.from((error != null) ? error : ErrorInfo.of(result.errorCode(), result.errorMessage()));
	}

	static IpcException failure(ErrorCode outcome, String what) {
		return IpcException.from(ErrorInfo.of(outcome, what + " ended with " + outcome));
	}

	@Override
	public String toString() {
		return "ObservationClientInterceptor";
	}

}
