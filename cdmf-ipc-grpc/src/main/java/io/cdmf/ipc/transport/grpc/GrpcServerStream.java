package io.cdmf.ipc.transport.grpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * One bidirectional {@code /cdmf.ipc.v1.Envelope/Stream} call on a server: a long-lived connection over which the
 * client sends any number of envelopes and gets the answers, matched by correlation id.
 * <p>
 * An envelope that is not a valid message is answered with an {@link MessageType#ERROR} envelope (correlated when it
 * had a usable message id) and the stream goes on, as a skippable bad frame does on a socket.
 *
 * @since 0.1.0
 */
final class GrpcServerStream implements Connection, StreamObserver<EnvelopeMessage> {

	private final GrpcTransport transport;

	private final ServerCallStreamObserver<EnvelopeMessage> responses;

	private final long id;

	private final PeerInterceptor.Peer peer;

	private boolean closed;

	GrpcServerStream(GrpcTransport transport, ServerCallStreamObserver<EnvelopeMessage> responses, long id) {
		this.transport = transport;
		this.responses = responses;
		this.id = id;
		this.peer = PeerInterceptor.current();
		responses.setOnCancelHandler(
				() -> ended(ErrorCode.CANCELLED, "stream cancelled by " + this.peer.address(), null));
		transport.counters().connectionOpened();
	}

	// ---- from the client ----

	@Override
	public void onNext(EnvelopeMessage envelope) {
		Message message;
		try {
			message = EnvelopeCodec.fromEnvelope(envelope, 0);
		}
		catch (IpcException ex) {
			refuse(ex, envelope);
			return;
		}
		message.setOrigin(this);
		this.transport.received(message, envelope.getSerializedSize());
	}

	/**
	 * Counts and answers an envelope that was refused, or bytes that were not an envelope; the stream goes on.
	 * @param ex why it was refused
	 * @param envelope the envelope, for the message id it claims (the default instance claims none)
	 */
	void refuse(IpcException ex, EnvelopeMessage envelope) {
		this.transport.rejected(this.peer.address(), ex, this);
		Message error = Message.create(MessageType.ERROR)
			.setErrorInfo(ErrorInfo.of(ex.getErrorCode(), String.valueOf(ex.getMessage()), "envelope"));
		// An envelope that could not be read ran nothing: the caller may send its request elsewhere.
		error.getHeader().setCorrelationId(claimedId(envelope)).setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
		try {
			send(error);
		}
		catch (IpcException sendFailure) {
			this.transport.report(sendFailure.getErrorCode(),
					"cannot tell " + this.peer.address() + " that its envelope was refused", this, false, sendFailure);
		}
	}

	@Override
	public void onError(Throwable failure) {
		ended(ErrorCode.UNAVAILABLE, "stream from " + this.peer.address() + " failed: " + Status.fromThrowable(failure),
				failure);
	}

	@Override
	public void onCompleted() {
		synchronized (this) {
			if (!this.closed) {
				this.responses.onCompleted();
			}
		}
		ended(ErrorCode.UNAVAILABLE, "stream closed by " + this.peer.address(), null);
	}

	private void ended(ErrorCode code, String reason, @Nullable Throwable cause) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.transport.counters().connectionClosed();
		this.transport.report(code, reason, this, true, cause);
	}

	private static MessageId claimedId(EnvelopeMessage envelope) {
		if (envelope.getMessageId().size() != 16) {
			return MessageId.NONE;
		}
		java.nio.ByteBuffer bytes = envelope.getMessageId().asReadOnlyByteBuffer();
		return new MessageId(bytes.getLong(), bytes.getLong());
	}

	// ---- to the client ----

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public PeerCredentials peerCredentials() {
		return this.peer.credentials();
	}

	@Override
	public String describe() {
		return this.peer.address();
	}

	@Override
	public synchronized boolean isOpen() {
		return !this.closed;
	}

	@Override
	public synchronized void send(Message message) {
		if (this.closed) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, "stream from " + this.peer.address() + " is closed");
		}
		EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(message);
		try {
			this.responses.onNext(envelope);
		}
		catch (RuntimeException ex) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"cannot send to " + this.peer.address() + ": " + ex.getMessage(), ex);
		}
		this.transport.counters().messageSent(envelope.getSerializedSize());
	}

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.responses.onCompleted();
		}
		ended(ErrorCode.UNAVAILABLE, "stream to " + this.peer.address() + " closed by the server", null);
	}

	@Override
	public String toString() {
		return "GrpcServerStream[" + this.id + ", " + this.peer.address() + "]";
	}

}
