/**
 * The {@code inproc://} transport: the same semantics as the socket transports inside one JVM, for tests.
 */
@NullMarked
package io.cdmf.ipc.transport.inproc;

import org.jspecify.annotations.NullMarked;
