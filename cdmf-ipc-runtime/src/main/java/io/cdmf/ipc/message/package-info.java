/**
 * Messages: header, metadata, payload and error info, with their enums.
 */
@NullMarked
package io.cdmf.ipc.message;

import org.jspecify.annotations.NullMarked;
