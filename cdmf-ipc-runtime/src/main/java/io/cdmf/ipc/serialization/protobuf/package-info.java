/**
 * The Protocol Buffers serializer, on {@code com.google.protobuf:protobuf-java}, loaded only when that library is on
 * the classpath.
 */
@NullMarked
package io.cdmf.ipc.serialization.protobuf;

import org.jspecify.annotations.NullMarked;
