/**
 * Peer: the echo on Spring gRPC, as a Boot user writes it without code generation (a unary method on a protobuf
 * {@code BytesValue}).
 */
@NullMarked
package io.cdmf.ipc.benchmark.peers.springgrpc;

import org.jspecify.annotations.NullMarked;
