package io.cdmf.ipc.observation;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.observation.IpcObservationDocumentation.HighCardinalityKeys;
import io.cdmf.ipc.observation.IpcObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link IpcClientObservationConvention}: name {@value IpcObservationDocumentation#CLIENT_CALLS},
 * contextual (span) name {@code <service>/<method>}, tags {@code service}, {@code method}, {@code transport} and,
 * once the call has ended, {@code outcome}; the endpoint and the number of attempts on the span only.
 * <p>
 * The outcome is left out while the call runs, so that Micrometer's long-task timer of running calls
 * ({@code cdmf.ipc.client.calls.active}) has one series per service, method and transport.
 *
 * @since 0.1.0
 */
public class DefaultIpcClientObservationConvention implements IpcClientObservationConvention {

	/** The shared instance. */
	public static final DefaultIpcClientObservationConvention INSTANCE = new DefaultIpcClientObservationConvention();

	@Override
	public String getName() {
		return IpcObservationDocumentation.CLIENT_CALLS;
	}

	@Override
	public String getContextualName(IpcClientObservationContext context) {
		return context.getService() + "/" + context.getMethod();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(IpcClientObservationContext context) {
		KeyValues tags = KeyValues.of(LowCardinalityKeys.SERVICE.withValue(context.getService()),
				LowCardinalityKeys.METHOD.withValue(context.getMethod()),
				LowCardinalityKeys.TRANSPORT.withValue(context.getTransport().scheme()));
		ErrorCode outcome = context.getOutcome();
		return (outcome != null) ? tags.and(LowCardinalityKeys.OUTCOME.withValue(outcome.name())) : tags;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(IpcClientObservationContext context) {
		@Nullable String endpoint = context.getCall().endpoint();
		KeyValues tags = KeyValues.of(HighCardinalityKeys.ATTEMPTS.withValue(Integer.toString(context.getCall().attempts())));
		return (endpoint != null) ? tags.and(HighCardinalityKeys.ENDPOINT.withValue(endpoint)) : tags;
	}

}
