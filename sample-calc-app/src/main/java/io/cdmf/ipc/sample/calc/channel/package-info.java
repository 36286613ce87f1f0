/**
 * Runnable examples of client channels over several calculator servers: balancing, endpoint health, the circuit
 * breaker and retries.
 */
@NullMarked
package io.cdmf.ipc.sample.calc.channel;

import org.jspecify.annotations.NullMarked;
