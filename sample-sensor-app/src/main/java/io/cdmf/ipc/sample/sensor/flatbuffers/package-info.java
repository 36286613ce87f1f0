/**
 * The sensor sample's FlatBuffers tables ({@code src/main/flatbuffers/sensor.fbs}), committed in the form flatc
 * generates them.
 */
@NullMarked
package io.cdmf.ipc.sample.sensor.flatbuffers;

import org.jspecify.annotations.NullMarked;
