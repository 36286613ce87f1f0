package io.cdmf.ipc.benchmark.boot;

/**
 * The contract of the {@code boot-*} cases, as a user writes it: one method, its name the remote method's.
 *
 * @since 0.1.0
 */
public interface Echo {

	/**
	 * Answers with the payload it was given.
	 * @param payload the bytes
	 * @return the same bytes
	 */
	byte[] echo(byte[] payload);

}
