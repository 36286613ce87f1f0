package io.cdmf.ipc.benchmark;

import io.cdmf.ipc.binding.IpcMethod;

/**
 * The typed contract of the many-callers cases, as an application would declare it: one synchronous method whose
 * single {@code byte[]} argument {@link io.cdmf.ipc.message.SerializationFormat#BINARY} carries as the payload
 * itself, and whose remote name is the untyped cases' method: a typed call and a {@code ServiceProxy.call} of
 * {@value FrameworkServer#METHOD} put the same bytes on the wire. It is public because the binding's exporter calls
 * it from its own package.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Echo {

	/**
	 * Answers with the payload it was given.
	 * @param payload the bytes
	 * @return the same bytes
	 */
	@IpcMethod(FrameworkServer.METHOD)
	byte[] echo(byte[] payload);

}
