/**
 * Cross-process benchmark of CDMF IPC over Unix sockets against raw JDK and jnr-unixsocket baselines.
 */
@NullMarked
package io.cdmf.ipc.benchmark;

import org.jspecify.annotations.NullMarked;
