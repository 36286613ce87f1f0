/**
 * Client side: the registrar that turns {@code @IpcClient} interfaces into beans, and the registry that creates them.
 */
@NullMarked
package io.cdmf.ipc.spring.client;

import org.jspecify.annotations.NullMarked;
