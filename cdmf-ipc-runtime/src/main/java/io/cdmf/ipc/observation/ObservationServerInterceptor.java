package io.cdmf.ipc.observation;

import java.util.Objects;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.rpc.ServerInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ServerInterceptor} that makes a Micrometer {@link Observation} of every request a stub serves
 * ({@link IpcObservationDocumentation#SERVER_CALL}): started when the request arrives, with the caller's trace
 * context read from the request's headers (so the server span is a child of the client span in the caller's
 * process), open as the current observation while the handler runs (its own observations and log lines belong to
 * the request), and stopped exactly once with the outcome the caller gets: answered, failed, refused or expired.
 * <p>
 * Set it as the stub's observation interceptor, which runs outermost, so that requests the authentication handler or
 * the validator refuse are observed too:
 * <pre class="code">
 * stub.setObservationInterceptor(new ObservationServerInterceptor(observationRegistry));
 * </pre>
 * A request the stub does not serve (it is stopping, or has no such method) never reaches {@code onRequest}: its
 * observation is started and stopped when it is refused, so it is counted with a duration of about zero.
 *
 * @since 0.1.0
 */
public final class ObservationServerInterceptor implements ServerInterceptor {

	/** The attribute under which a request keeps its observation. */
	private static final Object OBSERVATION = new Object();

	private final ObservationRegistry registry;

	private final @Nullable IpcServerObservationConvention convention;

	/**
	 * Creates an interceptor with the default convention.
	 * @param registry the registry to observe requests in
	 */
	public ObservationServerInterceptor(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates an interceptor.
	 * @param registry the registry to observe requests in
	 * @param convention the convention that names and tags the observations, or {@code null} for
	 * {@link DefaultIpcServerObservationConvention}
	 */
	public ObservationServerInterceptor(ObservationRegistry registry,
			@Nullable IpcServerObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
	}

	@Override
	public void onRequest(ServerCall call) {
		Observation observation = start(call);
		if (observation != null) {
			call.setAttribute(OBSERVATION, observation);
		}
	}

	private @Nullable Observation start(ServerCall call) {
		if (this.registry.isNoop()) {
			return null;
		}
		Observation observation = IpcObservationDocumentation.SERVER_CALL.observation(this.convention,
				DefaultIpcServerObservationConvention.INSTANCE, () -> new IpcServerObservationContext(call),
				this.registry);
		return observation.isNoop() ? null : observation.start();
	}

	@Override
	public void aroundHandler(ServerCall call, Runnable handler) {
		if (!(call.getAttribute(OBSERVATION) instanceof Observation observation)) {
			handler.run();
			return;
		}
		try (Observation.Scope scope = observation.openScope()) {
			handler.run();
		}
	}

	@Override
	public void onComplete(ServerCall call, ErrorCode outcome, long durationNanos) {
		// onComplete runs once per request (ServerInterceptor's promise); removing the attribute keeps it so.
		Observation observation = (call.getAttribute(OBSERVATION) instanceof Observation started) ? started : null;
		call.setAttribute(OBSERVATION, null);
		if (observation == null) {
			// A request the stub did not serve reached no onRequest: it is observed now, as it is refused.
			observation = start(call);
			if (observation == null) {
				return;
			}
		}
		if (observation.getContext() instanceof IpcServerObservationContext context) {
			context.setOutcome(outcome);
		}
		if (outcome != ErrorCode.OK) {
			observation.error(ObservationClientInterceptor.failure(outcome, call.service() + "." + call.method()));
		}
		observation.stop();
	}

	@Override
	public String toString() {
		return "ObservationServerInterceptor";
	}

}
