/**
 * Auto-configuration of the CDMF IPC health indicator.
 */
@NullMarked
package io.cdmf.ipc.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
