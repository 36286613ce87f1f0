/**
 * The binary frame: its layout ({@link io.cdmf.ipc.message.frame.FrameDescriptor}), encoder and decoder.
 */
@NullMarked
package io.cdmf.ipc.message.frame;

import org.jspecify.annotations.NullMarked;
