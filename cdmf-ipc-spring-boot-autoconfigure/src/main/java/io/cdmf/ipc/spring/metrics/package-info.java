/**
 * Micrometer meters for calls on both sides.
 */
@NullMarked
package io.cdmf.ipc.spring.metrics;

import org.jspecify.annotations.NullMarked;
