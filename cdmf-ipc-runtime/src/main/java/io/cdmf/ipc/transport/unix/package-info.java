/**
 * Unix domain socket transports and the socket-file handling they share.
 */
@NullMarked
package io.cdmf.ipc.transport.unix;

import org.jspecify.annotations.NullMarked;
