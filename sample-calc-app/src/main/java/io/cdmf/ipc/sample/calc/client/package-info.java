/**
 * The calculator's client application: injects the {@code @IpcClient} and calls every kind of method once.
 */
@NullMarked
package io.cdmf.ipc.sample.calc.client;

import org.jspecify.annotations.NullMarked;
