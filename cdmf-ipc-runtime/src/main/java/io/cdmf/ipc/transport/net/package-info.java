/**
 * What the network transports ({@code tcp://}, {@code udp://}, {@code grpc://}) share: TLS settings read from
 * endpoint options, PEM loading, socket addresses and bound endpoints.
 */
@NullMarked
package io.cdmf.ipc.transport.net;

import org.jspecify.annotations.NullMarked;
