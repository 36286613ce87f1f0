package io.cdmf.ipc.transport;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageOrigin;
import org.jspecify.annotations.Nullable;

/**
 * One peer of a transport: a socket connection, a datagram sender, a shared-memory client. Received messages carry
 * it as their {@link Message#getOrigin() origin}.
 *
 * @since 0.1.0
 */
public interface Connection extends MessageOrigin {

	/**
	 * Returns an id unique within the transport.
	 * @return the id
	 */
	long id();

	/**
	 * Returns who the peer is, as the operating system tells it.
	 * @return the credentials, {@link PeerCredentials#UNKNOWN} where the transport cannot tell
	 */
	PeerCredentials peerCredentials();

	/**
	 * Returns whether messages can still be sent to the peer.
	 * @return whether the connection is open
	 */
	boolean isOpen();

	/**
	 * Sends a message to the peer.
	 * @param message the message
	 * @throws io.cdmf.ipc.IpcException as {@link Transport#send(Message)} does
	 */
	void send(Message message);

	/**
	 * Closes the connection.
	 */
	void close();

	/**
	 * Returns whether the transport counts a message from this peer as processed once its delivery returns, so that
	 * the receiver must finish handling it before returning (a durable journal commits its read position then).
	 * @return whether handling must complete within the delivery
	 */
	default boolean requiresInlineHandling() {
		return false;
	}

	/**
	 * Returns the relay of the thread that receives this peer's messages, when the transport can hand receiving to a
	 * new thread while a handler runs on the receiving one: a server may then run handlers there by default, and
	 * hand off the ones that turn out to block.
	 * @return the relay, or {@code null} when handlers must not run on the receiving thread unless asked to
	 */
	default @Nullable ReceiverRelay receiverRelay() {
		return null;
	}

}
