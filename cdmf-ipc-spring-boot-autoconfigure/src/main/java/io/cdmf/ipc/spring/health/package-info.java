/**
 * The health indicator of CDMF IPC services.
 */
@NullMarked
package io.cdmf.ipc.spring.health;

import org.jspecify.annotations.NullMarked;
