/**
 * Spring Security for served IPC calls: the caller as an {@code Authentication} while a handler runs, and method
 * security's refusals as IPC error codes.
 */
@NullMarked
package io.cdmf.ipc.spring.security;

import org.jspecify.annotations.NullMarked;
