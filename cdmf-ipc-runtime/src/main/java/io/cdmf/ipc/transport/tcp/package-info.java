/**
 * The {@code tcp://} transport: the native frame over TCP, non-blocking in plain text and on blocking TLS sockets
 * when TLS is on.
 */
@NullMarked
package io.cdmf.ipc.transport.tcp;

import org.jspecify.annotations.NullMarked;
