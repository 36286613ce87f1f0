package io.cdmf.ipc.transport.shm.journal;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;

/**
 * The origin of every event a journal consumer delivers: the journal itself. It takes no replies (the journal is
 * one-way) and asks the receiver to finish each event within its delivery, because the consumer commits its
 * position when the delivery returns.
 *
 * @since 0.1.0
 */
final class JournalConnection implements Connection {

	private final JournalTransport transport;

	JournalConnection(JournalTransport transport) {
		this.transport = transport;
	}

	@Override
	public long id() {
		return 0;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return PeerCredentials.UNKNOWN;
	}

	@Override
	public boolean isOpen() {
		return this.transport.isConnected();
	}

	@Override
	public void send(Message message) {
		throw new IpcException(ErrorCode.INVALID_ARGUMENT, this.transport.getConfig().endpoint()
				+ " carries one-way events: a " + message.getType() + " cannot be sent back; use shm:// for calls");
	}

	@Override
	public void close() {
		this.transport.stop();
	}

	@Override
	public boolean requiresInlineHandling() {
		return true;
	}

	@Override
	public String describe() {
		return "journal " + this.transport.getConfig().endpoint();
	}

}
