/**
 * Frames over stream sockets: the I/O loop, connections with batched writes, and the base of the Unix-socket and TCP
 * transports.
 */
@NullMarked
package io.cdmf.ipc.transport.stream;

import org.jspecify.annotations.NullMarked;
