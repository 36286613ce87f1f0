package io.cdmf.ipc.transport.datagram;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * What a started server or a connected client of a {@link DatagramTransport} holds: its socket and receive thread
 * (in the subclass), and either the server's sender cache or the client's server. Replaced as a whole, so that a
 * sender sees one consistent set.
 *
 * @param <P> the transport's peer type
 * @since 0.1.0
 */
public abstract class DatagramSession<P extends DatagramPeer<?>> {

	private final @Nullable P server;

	private final AtomicBoolean lost = new AtomicBoolean();

	/**
	 * Creates a session.
	 * @param server a client's server, or {@code null} for a server's session
	 */
	protected DatagramSession(@Nullable P server) {
		this.server = server;
	}

	/**
	 * Returns a client's server.
	 * @return the server, or {@code null} for a server's session
	 */
	public final @Nullable P server() {
		return this.server;
	}

	/**
	 * Returns whether this is a client's session.
	 * @return whether it is connected to a server
	 */
	public final boolean isClient() {
		return this.server != null;
	}

	/**
	 * Returns the flag set once the client found its server gone, or receiving failed; {@code connect()} then starts
	 * afresh.
	 * @return the flag
	 */
	public final AtomicBoolean lost() {
		return this.lost;
	}

	/**
	 * Forgets a sender a server's handler closed; a client's session ignores it.
	 * @param peer the sender
	 */
	protected abstract void forget(P peer);

	/**
	 * Stops receiving and closes the socket.
	 */
	protected abstract void close();

}
