/**
 * Types shared by the Spring Boot integration of CDMF IPC.
 */
@NullMarked
package io.cdmf.ipc.spring;

import org.jspecify.annotations.NullMarked;
