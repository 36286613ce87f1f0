/**
 * The sensor producer application: sends readings to the consumer at a steady rate, one-way or asynchronously.
 */
@NullMarked
package io.cdmf.ipc.sample.sensor.producer;

import org.jspecify.annotations.NullMarked;
