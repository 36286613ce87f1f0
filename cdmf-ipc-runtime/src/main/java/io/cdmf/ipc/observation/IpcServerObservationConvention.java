package io.cdmf.ipc.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a served request; implement it to add or change tags, and give it to
 * {@link ObservationServerInterceptor} (or declare it as a bean in a Spring Boot application).
 *
 * @since 0.1.0
 */
public interface IpcServerObservationConvention extends ObservationConvention<IpcServerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof IpcServerObservationContext;
	}

}
