/**
 * Turning values into payloads and back: the {@link io.cdmf.ipc.serialization.Serializer} SPI, one implementation per
 * {@link io.cdmf.ipc.message.SerializationFormat} and the {@link io.cdmf.ipc.serialization.SerializerRegistry} that
 * offers the formats whose libraries are on the classpath.
 */
@NullMarked
package io.cdmf.ipc.serialization;

import org.jspecify.annotations.NullMarked;
