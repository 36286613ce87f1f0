/**
 * Auto-configuration of CDMF IPC: properties, customizers, clients, services and failure analysis.
 */
@NullMarked
package io.cdmf.ipc.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
