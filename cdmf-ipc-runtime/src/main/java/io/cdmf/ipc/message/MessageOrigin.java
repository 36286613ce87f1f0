package io.cdmf.ipc.message;

/**
 * Where a received message came from: a transport connection or peer address. Transports attach it to each message
 * they deliver and route a reply back through it.
 *
 * @since 0.1.0
 */
public interface MessageOrigin {

	/**
	 * Returns a short description of the peer for logs and errors.
	 * @return the description
	 */
	String describe();

}
