/**
 * The {@code grpc://} and {@code grpcs://} transports on grpc-java (Netty, shaded): the CDMF envelope service,
 * calls from standard gRPC clients by {@code /<package>.<Service>/<method>}, health, reflection and TLS.
 */
@NullMarked
package io.cdmf.ipc.transport.grpc;

import org.jspecify.annotations.NullMarked;
