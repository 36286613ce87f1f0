package io.cdmf.ipc.observation;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.observation.IpcObservationDocumentation.HighCardinalityKeys;
import io.cdmf.ipc.observation.IpcObservationDocumentation.LowCardinalityKeys;
import io.cdmf.ipc.transport.PeerCredentials;
import io.micrometer.common.KeyValues;

/**
 * The default {@link IpcServerObservationConvention}: name {@value IpcObservationDocumentation#SERVER_CALLS},
 * contextual (span) name {@code <service>/<method>}, tags {@code service}, {@code method}, {@code transport} and,
 * once the request has ended, {@code outcome}; the caller's credentials, where the transport knows them, on the span
 * only.
 *
 * @since 0.1.0
 */
public class DefaultIpcServerObservationConvention implements IpcServerObservationConvention {

	/** The shared instance. */
	public static final DefaultIpcServerObservationConvention INSTANCE = new DefaultIpcServerObservationConvention();

	@Override
	public String getName() {
		return IpcObservationDocumentation.SERVER_CALLS;
	}

	@Override
	public String getContextualName(IpcServerObservationContext context) {
		return context.getService() + "/" + context.getMethod();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(IpcServerObservationContext context) {
		KeyValues tags = KeyValues.of(LowCardinalityKeys.SERVICE.withValue(context.getService()),
				LowCardinalityKeys.METHOD.withValue(context.getMethod()),
				LowCardinalityKeys.TRANSPORT.withValue(context.getTransport().scheme()));
		ErrorCode outcome = context.getOutcome();
		return (outcome != null) ? tags.and(LowCardinalityKeys.OUTCOME.withValue(outcome.name())) : tags;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(IpcServerObservationContext context) {
		PeerCredentials peer = context.getCall().peer();
		return peer.isKnown() ? KeyValues.of(HighCardinalityKeys.PEER.withValue(peer.toString())) : KeyValues.empty();
	}

}
