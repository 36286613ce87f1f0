package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.ReceiverRelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's view of one attached client: the origin of its requests, and the way replies go back into its response
 * ring. Replies may be sent from any thread.
 *
 * @since 0.1.0
 */
final class ShmClientConnection implements Connection {

	private static final Logger logger = LoggerFactory.getLogger(ShmClientConnection.class);

	private final ShmTransport transport;

	private final ShmFile file;

	private final int clientId;

	private final PeerCredentials credentials;

	private final String description;

	private volatile boolean open = true;

	/** Asked by a sender waiting for room; made once, not per send. */
	private final BooleanSupplier openCheck = this::isOpen;

	ShmClientConnection(ShmTransport transport, ShmFile file, int clientId) {
		this.transport = transport;
		this.file = file;
		this.clientId = clientId;
		this.credentials = credentials(file.path(), file.pid());
		this.description = "shm client " + clientId + " (pid " + file.pid() + ")";
	}

	private static PeerCredentials credentials(Path path, long pid) {
		try {
			// The file's owner is the client's user: only it could create the file in the endpoint's directory.
			int uid = (Integer) Files.getAttribute(path, "unix:uid");
			int gid = (Integer) Files.getAttribute(path, "unix:gid");
			return new PeerCredentials(pid, uid, gid, Files.getOwner(path).getName(), "");
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			logger.debug("Cannot read the owner of {}", path, ex);
			return new PeerCredentials(pid, -1, -1, "", "");
		}
	}

	@Override
	public long id() {
		return this.clientId;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return this.credentials;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public String describe() {
		return this.description;
	}

	ShmFile file() {
		return this.file;
	}

	ShmTransport transport() {
		return this.transport;
	}

	@Override
	public void send(Message message) {
		if (!this.open) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, this.description + " is detached");
		}
		ShmRing ring = this.file.ring();
		int length;
		try {
			length = this.transport.frameLength(message, ring, "response", this.description);
		}
		catch (IpcException ex) {
			this.transport.counters().sendError();
			if (ex.getErrorCode() == ErrorCode.MESSAGE_TOO_LARGE) {
				sendTooLarge(message, ex);
			}
			throw ex;
		}
		int result = ring.writeFrame(ShmDescriptor.FRAME, message, this.transport.encoder(), length,
				this.transport.sendTimeoutNanos(), this.openCheck);
		if (result < 0) {
			this.transport.counters().sendError();
			throw (result == ShmRing.TIMED_OUT)
					? new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "the response ring of " + this.description
							+ " stayed full for " + this.transport.getConfig().sendTimeout().toMillis()
							+ " ms; the client is not reading")
					: new IpcException(ErrorCode.UNAVAILABLE, this.description + " detached while waiting to send");
		}
		this.transport.counters().messageSent(length);
	}

	/**
	 * Answers a response too large for this client's ring with an error the caller can match, so the call fails at
	 * once instead of timing out.
	 * @param response the response that did not fit
	 * @param failure why it did not fit
	 */
	private void sendTooLarge(Message response, IpcException failure) {
		if (response.getType() != MessageType.RESPONSE) {
			return;
		}
		Message error = Message.create(MessageType.ERROR)
			.setErrorInfo(ErrorInfo.of(ErrorCode.MESSAGE_TOO_LARGE, String.valueOf(failure.getMessage()),
					response.getMetadata().getSubject()));
		error.getHeader().setCorrelationId(response.getHeader().getCorrelationId());
		try {
			send(error);
		}
		catch (IpcException ex) {
			logger.debug("Could not tell {} that its response was too large", this.description, ex);
		}
	}

	/**
	 * Detaches this client on the server's request; the client hears of it through its response ring.
	 */
	@Override
	public void close() {
		this.transport.server().ifPresent(server -> server.requestDetach(this));
	}

	/**
	 * Marks the connection closed; called by the server's duty cycle.
	 * @return whether it was open
	 */
	boolean markClosed() {
		boolean wasOpen = this.open;
		this.open = false;
		return wasOpen;
	}

	@Override
	public String toString() {
		return "ShmClientConnection[" + this.description + "]";
	}

	@Override
	public @Nullable ReceiverRelay receiverRelay() {
		return this.transport.relay();
	}

}
