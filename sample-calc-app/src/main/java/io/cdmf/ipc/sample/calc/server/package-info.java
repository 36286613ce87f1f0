/**
 * The calculator's server application: an {@code @IpcService} on a Unix socket, with Actuator over HTTP.
 */
@NullMarked
package io.cdmf.ipc.sample.calc.server;

import org.jspecify.annotations.NullMarked;
