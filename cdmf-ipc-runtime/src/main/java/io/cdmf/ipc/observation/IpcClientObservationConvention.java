package io.cdmf.ipc.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a client call; implement it to add or change tags, and give it to
 * {@link ObservationClientInterceptor} (or declare it as a bean in a Spring Boot application).
 *
 * @since 0.1.0
 */
public interface IpcClientObservationConvention extends ObservationConvention<IpcClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof IpcClientObservationContext;
	}

}
