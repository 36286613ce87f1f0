package io.cdmf.ipc.benchmark;

import com.google.protobuf.BytesValue;
import io.cdmf.ipc.binding.IpcMethod;

/**
 * The typed contract of the {@code --typed-format PROTOBUF} runs: Protocol Buffers carries messages, not a bare
 * {@code byte[]}, so the payload travels as the well-known {@link BytesValue}. The typed servers export it beside
 * {@link Echo}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProtoEcho {

	/** The remote method name, distinct from {@link Echo}'s on the same stub. */
	String METHOD = "echoProto";

	/**
	 * Answers with the message it was given.
	 * @param payload the bytes, wrapped
	 * @return the same message
	 */
	@IpcMethod(METHOD)
	BytesValue echo(BytesValue payload);

}
