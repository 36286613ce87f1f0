/**
 * Helpers shared by the Spring integration; not for applications to use.
 */
@NullMarked
package io.cdmf.ipc.spring.internal;

import org.jspecify.annotations.NullMarked;
