/**
 * Test support: the {@code @IpcTest} slice and {@code @AutoConfigureIpc}, serving and calling in process.
 */
@NullMarked
package io.cdmf.ipc.spring.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
