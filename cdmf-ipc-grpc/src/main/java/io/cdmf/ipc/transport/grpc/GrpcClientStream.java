package io.cdmf.ipc.transport.grpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * The client's long-lived {@code /cdmf.ipc.v1.Envelope/Stream} call, used with option
 * {@value GrpcTransport#OPTION_CALL_MODE}{@code =stream}: every message goes out on it and every answer comes back
 * on it, matched by correlation id. One call instead of one per message saves gRPC's per-call work; the price is
 * that a message's deadline travels only in the envelope (the stub enforces it) and not as a gRPC deadline. When the
 * call ends, the connection counts as lost, so that a proxy fails its waiting calls at once; the next message opens
 * a new call.
 *
 * @since 0.1.0
 */
final class GrpcClientStream implements StreamObserver<EnvelopeMessage> {

	private final GrpcTransport transport;

	private final GrpcClient client;

	private final ManagedChannel channel;

	private final ClientCallStreamObserver<EnvelopeMessage> requests;

	private boolean ended;

	GrpcClientStream(GrpcTransport transport, GrpcClient client, ManagedChannel channel, Channel calls) {
		this.transport = transport;
		this.client = client;
		this.channel = channel;
		this.requests = (ClientCallStreamObserver<EnvelopeMessage>) EnvelopeGrpc.newStub(calls).stream(this);
	}

	ManagedChannel channel() {
		return this.channel;
	}

	synchronized boolean isOpen() {
		return !this.ended;
	}

	/**
	 * Sends an envelope on the call; senders are serialized, as a gRPC call takes one message at a time.
	 * @param envelope the envelope
	 * @throws IpcException with {@code UNAVAILABLE} if the call has ended
	 */
	synchronized void send(EnvelopeMessage envelope) {
		if (this.ended) {
			throw new IpcException(ErrorCode.UNAVAILABLE, "the stream to " + this.client.describe() + " has ended");
		}
		this.requests.onNext(envelope);
	}

	/**
	 * Ends the call from this side.
	 */
	void close() {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.requests.onCompleted();
	}

	@Override
	public void onNext(EnvelopeMessage envelope) {
		Message message;
		try {
			message = EnvelopeCodec.fromEnvelope(envelope, 0);
		}
		catch (IpcException ex) {
			this.transport.rejected(this.client.describe(), ex, this.client);
			return;
		}
		if (message.getType() != MessageType.CONTROL) {
			message.setOrigin(this.client);
			this.transport.received(message, envelope.getSerializedSize());
		}
	}

	@Override
	public void onError(Throwable failure) {
		end("the stream to " + this.client.describe() + " failed: " + Status.fromThrowable(failure), failure);
	}

	@Override
	public void onCompleted() {
		end("the stream to " + this.client.describe() + " was closed by the server", null);
	}

	private void end(String reason, @Nullable Throwable cause) {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.transport.report(ErrorCode.UNAVAILABLE, reason, this.client, true, cause);
	}

}
