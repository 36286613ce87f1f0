package io.cdmf.ipc.benchmark.peers.dubbo;

/**
 * The Dubbo service interface.
 *
 * @since 0.1.0
 */
public interface EchoService {

	/**
	 * Answers with the payload it was given.
	 * @param payload the bytes
	 * @return the same bytes
	 */
	byte[] echo(byte[] payload);

}
