/**
 * Auto-configuration of CDMF IPC metrics.
 */
@NullMarked
package io.cdmf.ipc.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
