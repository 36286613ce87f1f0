/**
 * Micrometer Observation around calls on both sides, with the trace context carried in the message headers: add
 * {@link io.cdmf.ipc.observation.ObservationClientInterceptor} to a channel and
 * {@link io.cdmf.ipc.observation.ObservationServerInterceptor} to a stub. Needs {@code io.micrometer:micrometer-observation}
 * on the classpath; nothing else in the runtime does.
 */
@NullMarked
package io.cdmf.ipc.observation;

import org.jspecify.annotations.NullMarked;
