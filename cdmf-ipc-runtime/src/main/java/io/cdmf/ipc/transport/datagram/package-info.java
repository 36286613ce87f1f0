/**
 * What the two datagram transports, {@code udp://} and {@code unix+dgram://}, share: encoding a message into one
 * datagram within a size limit, the server's cache of senders, and ending a receive thread. Not an API for
 * applications.
 */
@NullMarked
package io.cdmf.ipc.transport.datagram;

import org.jspecify.annotations.NullMarked;
