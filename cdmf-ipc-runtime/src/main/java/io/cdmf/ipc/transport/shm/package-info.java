/**
 * The {@code shm://} transport: Agrona ring buffers in memory-mapped files, one request ring per server and one
 * response ring per client.
 */
@NullMarked
package io.cdmf.ipc.transport.shm;

import org.jspecify.annotations.NullMarked;
