/**
 * Unix domain socket transports: {@code unix://} (stream) and {@code unix+dgram://} (datagrams), with socket-file
 * ownership and peer credentials.
 */
@NullMarked
package io.cdmf.ipc.transport.unix;

import org.jspecify.annotations.NullMarked;
