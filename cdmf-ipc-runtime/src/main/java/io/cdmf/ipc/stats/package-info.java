/**
 * Spring-free counters and immutable snapshots of latency and call outcomes.
 */
@NullMarked
package io.cdmf.ipc.stats;

import org.jspecify.annotations.NullMarked;
