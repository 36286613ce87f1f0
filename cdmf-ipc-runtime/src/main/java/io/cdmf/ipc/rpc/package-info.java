/**
 * Remote calls on raw bytes: {@link io.cdmf.ipc.rpc.ServiceProxy} on the calling side,
 * {@link io.cdmf.ipc.rpc.ServiceStub} on the serving side.
 */
@NullMarked
package io.cdmf.ipc.rpc;

import org.jspecify.annotations.NullMarked;
