package io.cdmf.ipc.transport.grpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One unary gRPC call on a server, as the origin of the message it carried: the first reply sent through it answers
 * the call and ends it.
 * <p>
 * An envelope call ({@code /cdmf.ipc.v1.Envelope/Call}) is answered with the reply as an envelope, errors included.
 * A call from a standard gRPC client ({@code /<package>.<Service>/<method>}) is answered with the reply's payload
 * bytes, or, for an error, with the mapped gRPC status and the exact code in a trailer ({@link GrpcStatusMapping}).
 * A reply to a call whose caller gave up (deadline passed, cancelled) fails with {@code UNAVAILABLE}.
 *
 * @param <T> the call's response type
 * @since 0.1.0
 */
abstract class GrpcServerCall<T> implements Connection {

	private final GrpcTransport transport;

	private final ServerCallStreamObserver<T> observer;

	private final long id;

	private final PeerInterceptor.Peer peer;

	private boolean answered;

	private volatile boolean cancelled;

	GrpcServerCall(GrpcTransport transport, ServerCallStreamObserver<T> observer, long id) {
		this.transport = transport;
		this.observer = observer;
		this.id = id;
		this.peer = PeerInterceptor.current();
		observer.setOnCancelHandler(() -> this.cancelled = true);
	}

	/**
	 * Answers a call of the envelope service.
	 * @param transport the transport
	 * @param observer the call's response side
	 * @param id the connection id
	 * @return the origin for the call's message
	 */
	static GrpcServerCall<EnvelopeMessage> envelope(GrpcTransport transport,
			ServerCallStreamObserver<EnvelopeMessage> observer, long id) {
		return new GrpcServerCall<>(transport, observer, id) {

			@Override
			int answer(Message reply, ServerCallStreamObserver<EnvelopeMessage> responses) {
				EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(reply);
				responses.onNext(envelope);
				responses.onCompleted();
				return envelope.getSerializedSize();
			}

		};
	}

	/**
	 * Answers a call from a standard gRPC client with protobuf bytes or a status.
	 * @param transport the transport
	 * @param observer the call's response side
	 * @param id the connection id
	 * @return the origin for the call's message
	 */
	static GrpcServerCall<byte[]> raw(GrpcTransport transport, ServerCallStreamObserver<byte[]> observer, long id) {
		return new GrpcServerCall<>(transport, observer, id) {

			@Override
			int answer(Message reply, ServerCallStreamObserver<byte[]> responses) {
				ErrorInfo error = reply.getErrorInfo();
				if (error != null || reply.getType() == MessageType.ERROR) {
					ErrorInfo known = (error != null) ? error
							: ErrorInfo.of(ErrorCode.UNKNOWN, "error without details");
					responses.onError(GrpcStatusMapping.toStatus(known)
						.asRuntimeException(GrpcStatusMapping.trailers(known.code())));
					return 0;
				}
				byte[] payload = reply.getPayloadBytes();
				responses.onNext(payload);
				responses.onCompleted();
				return payload.length;
			}

		};
	}

	/**
	 * Writes a reply to the call's response side and ends the call.
	 * @param reply the reply
	 * @param responses the response side
	 * @return the bytes written
	 */
	abstract int answer(Message reply, ServerCallStreamObserver<T> responses);

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
		return !this.answered && !this.cancelled;
	}

	/**
	 * Answers the call with a message: the first reply ends the call.
	 * @param reply the reply
	 * @throws IpcException with {@code UNAVAILABLE} if the call was answered already or its caller gave up
	 */
	@Override
	public synchronized void send(Message reply) {
		if (this.answered) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"the call from " + this.peer.address() + " was answered already");
		}
		this.answered = true;
		if (this.cancelled) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"the caller " + this.peer.address() + " gave up on the call (cancelled, or its deadline passed)");
		}
		try {
			this.transport.counters().messageSent(answer(reply, this.observer));
		}
		catch (RuntimeException ex) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"cannot answer " + this.peer.address() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Ends a call that expects no answer (a one-way request, an event) with an empty acknowledgement, once the
	 * message was handed over.
	 * @param request the message the call carried
	 */
	synchronized void acknowledge(Message request) {
		if (this.answered || this.cancelled) {
			return;
		}
		this.answered = true;
		try {
			answer(request.createReply(MessageType.CONTROL), this.observer);
		}
		catch (RuntimeException ex) {
			this.transport.counters().sendError();
			this.transport.report(ErrorCode.UNAVAILABLE,
					"cannot acknowledge " + this.peer.address() + ": " + ex.getMessage(), this, false, ex);
		}
	}

	/**
	 * Ends the call unanswered, with status {@code CANCELLED}.
	 */
	@Override
	public synchronized void close() {
		if (!this.answered && !this.cancelled) {
			this.answered = true;
			this.observer.onError(Status.CANCELLED.withDescription("closed by the server").asRuntimeException());
		}
	}

	@Override
	public String toString() {
		return "GrpcServerCall[" + this.id + ", " + this.peer.address() + "]";
	}

}
