/**
 * The client application of the {@code boot-*} cases.
 */
@NullMarked
package io.cdmf.ipc.benchmark.boot.client;

import org.jspecify.annotations.NullMarked;
