/**
 * The sensor sample (the guide's example 1): the consumer's contract and the clock both sides stamp readings with.
 */
@NullMarked
package io.cdmf.ipc.sample.sensor;

import org.jspecify.annotations.NullMarked;
