/**
 * Resilience: the cache that answers retried requests once, and the Resilience4j wiring.
 */
@NullMarked
package io.cdmf.ipc.resilience;

import org.jspecify.annotations.NullMarked;
