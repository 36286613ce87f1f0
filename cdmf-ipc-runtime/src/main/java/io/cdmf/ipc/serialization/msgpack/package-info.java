/**
 * The MessagePack serializer, on Jackson 2 with {@code org.msgpack:jackson-dataformat-msgpack}, loaded only when that
 * library is on the classpath.
 */
@NullMarked
package io.cdmf.ipc.serialization.msgpack;

import org.jspecify.annotations.NullMarked;
