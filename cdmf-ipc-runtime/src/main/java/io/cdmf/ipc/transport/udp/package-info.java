/**
 * The {@code udp://} transport: one native frame per UDP datagram, on the JDK's {@code DatagramChannel}.
 */
@NullMarked
package io.cdmf.ipc.transport.udp;

import org.jspecify.annotations.NullMarked;
