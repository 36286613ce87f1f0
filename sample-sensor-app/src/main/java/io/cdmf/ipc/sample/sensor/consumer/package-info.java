/**
 * The sensor consumer application: serves {@code SensorConsumer} over {@code shm://}, reads each reading in place and
 * prints rate and latency every second.
 */
@NullMarked
package io.cdmf.ipc.sample.sensor.consumer;

import org.jspecify.annotations.NullMarked;
