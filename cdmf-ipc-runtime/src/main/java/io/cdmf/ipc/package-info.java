/**
 * The root of CDMF IPC: the {@link io.cdmf.ipc.IpcException} hierarchy and {@link io.cdmf.ipc.ErrorCode}.
 */
@NullMarked
package io.cdmf.ipc;

import org.jspecify.annotations.NullMarked;
