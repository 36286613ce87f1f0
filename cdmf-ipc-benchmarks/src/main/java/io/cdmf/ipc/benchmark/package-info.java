/**
 * Cross-process benchmark of CDMF IPC over Unix sockets and shared memory against raw JDK, jnr-unixsocket, Agrona
 * and Chronicle Queue baselines.
 */
@NullMarked
package io.cdmf.ipc.benchmark;

import org.jspecify.annotations.NullMarked;
