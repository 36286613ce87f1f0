/**
 * The JSON serializer, on Jackson 3 ({@code tools.jackson.core:jackson-databind}), loaded only when Jackson 3 is on
 * the classpath.
 */
@NullMarked
package io.cdmf.ipc.serialization.json;

import org.jspecify.annotations.NullMarked;
