/**
 * The implementation of client channels; not for applications to import.
 */
@NullMarked
package io.cdmf.ipc.channel.internal;

import org.jspecify.annotations.NullMarked;
