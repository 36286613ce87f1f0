/**
 * The annotations an application uses: {@code @IpcService}, {@code @IpcClient} and {@code @EnableIpcClients}.
 */
@NullMarked
package io.cdmf.ipc.spring.annotation;

import org.jspecify.annotations.NullMarked;
