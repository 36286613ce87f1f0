/**
 * Micrometer Observation of the calls of {@code @IpcClient}s and {@code @IpcService}s.
 */
@NullMarked
package io.cdmf.ipc.spring.observation;

import org.jspecify.annotations.NullMarked;
