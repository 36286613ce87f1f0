/**
 * The transport contract, endpoint URIs, configuration and the factory that picks a transport by scheme.
 */
@NullMarked
package io.cdmf.ipc.transport;

import org.jspecify.annotations.NullMarked;
