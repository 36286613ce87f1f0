/**
 * The server application of the {@code boot-*} and start-up cases.
 */
@NullMarked
package io.cdmf.ipc.benchmark.boot.server;

import org.jspecify.annotations.NullMarked;
