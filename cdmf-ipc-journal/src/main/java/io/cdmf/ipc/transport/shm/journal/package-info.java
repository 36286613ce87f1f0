/**
 * The {@code shm+journal://} transport: durable one-way event streams on Chronicle Queue, with persisted consumer
 * positions and bounded disk.
 */
@NullMarked
package io.cdmf.ipc.transport.shm.journal;

import org.jspecify.annotations.NullMarked;
