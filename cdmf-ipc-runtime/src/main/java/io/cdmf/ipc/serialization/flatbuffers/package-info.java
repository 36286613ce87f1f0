/**
 * The FlatBuffers serializer, which hands out tables that read the received bytes in place, loaded only when
 * {@code com.google.flatbuffers:flatbuffers-java} is on the classpath.
 */
@NullMarked
package io.cdmf.ipc.serialization.flatbuffers;

import org.jspecify.annotations.NullMarked;
