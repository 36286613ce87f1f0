/**
 * Auto-configuration of the observation of calls.
 */
@NullMarked
package io.cdmf.ipc.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
