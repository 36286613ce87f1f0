/**
 * Server side: discovery of {@code @IpcService} beans and the lifecycle that serves and drains them.
 */
@NullMarked
package io.cdmf.ipc.spring.server;

import org.jspecify.annotations.NullMarked;
