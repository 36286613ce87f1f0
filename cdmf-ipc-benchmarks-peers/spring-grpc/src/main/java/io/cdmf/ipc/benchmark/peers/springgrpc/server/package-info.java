/**
 * The Spring gRPC echo server application (a package of its own, so that the other application's beans are not scanned).
 */
@NullMarked
package io.cdmf.ipc.benchmark.peers.springgrpc.server;

import org.jspecify.annotations.NullMarked;
