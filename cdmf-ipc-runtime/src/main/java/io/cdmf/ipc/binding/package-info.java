/**
 * Typed binding: a Java interface as the service contract, a client proxy implementing it over a
 * {@link io.cdmf.ipc.rpc.ServiceProxy}, and an exporter that serves an implementation through a
 * {@link io.cdmf.ipc.rpc.ServiceStub}.
 */
@NullMarked
package io.cdmf.ipc.binding;

import org.jspecify.annotations.NullMarked;
