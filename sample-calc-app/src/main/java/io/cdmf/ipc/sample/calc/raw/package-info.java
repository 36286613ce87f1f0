/**
 * The calculator of the guide's example 2 on the raw runtime API: {@code ServiceStub} and {@code ServiceProxy} with
 * a two-integer binary request, no Spring.
 */
@NullMarked
package io.cdmf.ipc.sample.calc.raw;

import org.jspecify.annotations.NullMarked;
