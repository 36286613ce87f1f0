/**
 * The Spring gRPC echo client application (a package of its own, so that the other application's beans are not scanned).
 */
@NullMarked
package io.cdmf.ipc.benchmark.peers.springgrpc.client;

import org.jspecify.annotations.NullMarked;
