/**
 * Coverage-guided fuzz targets (Jazzer), one class per decoder that reads bytes from another process; see
 * {@code docs/fuzzing.md}.
 */
@NullMarked
package io.cdmf.ipc.fuzz;

import org.jspecify.annotations.NullMarked;
