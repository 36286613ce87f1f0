package io.cdmf.ipc.transport.grpc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.cdmf.ipc.transport.net.NetEndpoints;
import io.cdmf.ipc.transport.net.TlsOptions;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * The client side of a {@link GrpcTransport}: one grpc-java channel. By default every message goes on one long-lived
 * {@code Envelope/Stream} call ({@link GrpcClientStream}). With {@value GrpcTransport#OPTION_CALL_MODE}{@code =unary}
 * each message is one unary {@code Envelope/Call} instead, so that each request's deadline is the gRPC deadline of
 * its call and a call whose connection breaks fails on its own with {@code UNAVAILABLE}; a failed call is answered
 * locally with an {@link MessageType#ERROR} message carrying the mapped code ({@link GrpcStatusMapping}), as if the
 * server had sent it.
 *
 * @since 0.1.0
 */
final class GrpcClient implements Connection {

	private final GrpcTransport transport;

	private final TransportConfig config;

	private final @Nullable TlsOptions tls;

	private final boolean streaming;

	private final Object streamLock = new Object();

	private final @Nullable Metadata headers;

	private volatile @Nullable ManagedChannel channel;

	private @Nullable GrpcClientStream stream;

	GrpcClient(GrpcTransport transport, TransportConfig config, @Nullable TlsOptions tls) {
		this.transport = transport;
		this.config = config;
		this.tls = tls;
		this.streaming = !GrpcTransport.CALL_MODE_UNARY.equals(config.option(GrpcTransport.OPTION_CALL_MODE));
		String service = config.option(GrpcTransport.OPTION_SERVICE);
		if (service != null && !service.isBlank()) {
			Metadata named = new Metadata();
			named.put(GrpcServiceHost.SERVICE_KEY, service.split(",")[0].trim());
			this.headers = named;
		}
		else {
			this.headers = null;
		}
	}

	// ---- connection life cycle ----

	synchronized void connect() {
		ManagedChannel current = this.channel;
		if (current == null || current.isShutdown()) {
			current = build();
			this.channel = current;
			watch(current, ConnectivityState.IDLE);
		}
		awaitReady(current);
	}

	private ManagedChannel build() {
		ChannelCredentials credentials = InsecureChannelCredentials.create();
		TlsOptions options = this.tls;
		if (options != null) {
			TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
			if (options.keyManagers() != null) {
				builder.keyManager(options.keyManagers());
			}
			if (options.trustManagers() != null) {
				builder.trustManager(options.trustManagers());
			}
			credentials = builder.build();
		}
		NettyChannelBuilder builder = NettyChannelBuilder
			.forAddress(this.config.endpoint().requireHost(), this.config.endpoint().port(), credentials)
			.directExecutor()
			.maxInboundMessageSize(this.config.maxFrameLength())
			// Never idle: the connection then only leaves READY when it breaks, which is reported as lost.
			.idleTimeout(Long.MAX_VALUE, TimeUnit.DAYS);
		if (options != null && options.serverName() != null) {
			builder.overrideAuthority(options.serverName());
		}
		return builder.build();
	}

	/**
	 * Makes one connection attempt and waits for its outcome. A channel still failing from an earlier attempt is
	 * put back to IDLE first: gRPC keeps a failed channel in TRANSIENT_FAILURE while it retries on its back-off
	 * schedule, which would hide both a quick success and a new failure.
	 */
	private void awaitReady(ManagedChannel current) {
		long deadline = System.nanoTime() + this.config.connectTimeout().toNanos();
		if (current.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
			current.enterIdle();
		}
		ConnectivityState state = current.getState(true);
		while (state != ConnectivityState.READY) {
			if (state == ConnectivityState.SHUTDOWN || state == ConnectivityState.TRANSIENT_FAILURE) {
				throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot connect to " + this.config.endpoint()
						+ ": the connection failed (no server listening, or the TLS handshake was refused)");
			}
			CountDownLatch changed = new CountDownLatch(1);
			current.notifyWhenStateChanged(state, changed::countDown);
			long left = deadline - System.nanoTime();
			try {
				if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
					throw new IpcException(ErrorCode.UNAVAILABLE, "Cannot connect to " + this.config.endpoint()
							+ " within " + this.config.connectTimeout().toMillis() + " ms");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IpcException(ErrorCode.CANCELLED,
						"interrupted while connecting to " + this.config.endpoint());
			}
			state = current.getState(true);
		}
	}

	/**
	 * Follows the channel's state; leaving READY means the connection broke, which is reported so that a proxy fails
	 * its waiting calls at once.
	 */
	private void watch(ManagedChannel watched, ConnectivityState from) {
		watched.notifyWhenStateChanged(from, () -> {
			ConnectivityState now = watched.getState(false);
			if (from == ConnectivityState.READY && now != ConnectivityState.READY && watched == this.channel) {
				this.transport.report(ErrorCode.UNAVAILABLE, "connection to " + this.config.endpoint() + " lost ("
						+ now + ")", this, true, null);
			}
			if (now != ConnectivityState.SHUTDOWN) {
				watch(watched, now);
			}
		});
	}

	boolean isConnected() {
		ManagedChannel current = this.channel;
		if (current == null || current.isShutdown()) {
			return false;
		}
		ConnectivityState state = current.getState(false);
		return state != ConnectivityState.TRANSIENT_FAILURE && state != ConnectivityState.SHUTDOWN;
	}

	synchronized void disconnect() {
		ManagedChannel current = this.channel;
		this.channel = null;
		synchronized (this.streamLock) {
			if (this.stream != null) {
				this.stream.close();
				this.stream = null;
			}
		}
		if (current != null) {
			current.shutdownNow();
			try {
				current.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	// ---- messages ----

	/**
	 * Sends a message as one envelope call; its answer (or the call's failure) is delivered to the transport.
	 * @param message the message
	 */
	@Override
	public void send(Message message) {
		ManagedChannel current = this.channel;
		if (current == null || current.isShutdown()) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + this.config.endpoint());
		}
		EnvelopeMessage envelope = EnvelopeCodec.toEnvelope(message);
		int size = envelope.getSerializedSize();
		if (size > this.config.maxFrameLength()) {
			this.transport.counters().sendError();
			throw new IpcException(ErrorCode.MESSAGE_TOO_LARGE, "message " + message.getMessageId() + " is " + size
					+ " bytes as an envelope, more than the maximum frame length of " + this.config.maxFrameLength()
					+ " bytes of " + this.config.endpoint() + "; nothing was sent");
		}
		if (this.streaming) {
			streamOn(current).send(envelope);
			this.transport.counters().messageSent(size);
			return;
		}
		CallOptions options = CallOptions.DEFAULT;
		long expiration = message.getMetadata().getExpirationMillis();
		if (expiration != 0) {
			options = options.withDeadlineAfter(Math.max(1, expiration - System.currentTimeMillis()),
					TimeUnit.MILLISECONDS);
		}
		ClientCalls.asyncUnaryCall(calls(current).newCall(EnvelopeGrpc.getCallMethod(), options), envelope,
				new Answer(message));
		this.transport.counters().messageSent(size);
	}

	/**
	 * Returns the channel to make calls on: with option {@value GrpcTransport#OPTION_SERVICE}, one that names the
	 * service in a header of every call.
	 */
	private Channel calls(ManagedChannel current) {
		Metadata named = this.headers;
		return (named != null)
				? ClientInterceptors.intercept(current, MetadataUtils.newAttachHeadersInterceptor(named)) : current;
	}

	private GrpcClientStream streamOn(ManagedChannel current) {
		synchronized (this.streamLock) {
			GrpcClientStream open = this.stream;
			if (open == null || !open.isOpen() || open.channel() != current) {
				open = new GrpcClientStream(this.transport, this, current, calls(current));
				this.stream = open;
			}
			return open;
		}
	}

	/**
	 * Receives the answer to one call.
	 */
	private final class Answer implements StreamObserver<EnvelopeMessage> {

		private final Message request;

		Answer(Message request) {
			this.request = request;
		}

		@Override
		public void onNext(EnvelopeMessage envelope) {
			Message reply;
			try {
				reply = EnvelopeCodec.fromEnvelope(envelope, 0);
			}
			catch (IpcException ex) {
				GrpcClient.this.transport.rejected(describe(), ex, GrpcClient.this);
				fail(ErrorInfo.of(ex.getErrorCode(), "the server's answer was refused: " + ex.getMessage(),
						this.request.getMetadata().getSubject()), ex);
				return;
			}
			if (reply.getType() != MessageType.CONTROL) {
				reply.setOrigin(GrpcClient.this);
				GrpcClient.this.transport.received(reply, envelope.getSerializedSize());
			}
		}

		@Override
		public void onError(Throwable failure) {
			fail(GrpcStatusMapping.toErrorInfo(Status.fromThrowable(failure), Status.trailersFromThrowable(failure),
					this.request.getMetadata().getSubject()), failure);
		}

		private void fail(ErrorInfo error, Throwable cause) {
			if (EnvelopeCodec.expectsAnswer(this.request)) {
				GrpcClient.this.transport.handOver(this.request.createErrorResponse(error).setOrigin(GrpcClient.this));
			}
			else {
				GrpcClient.this.transport.report(error.code(), "message " + this.request.getMessageId()
						+ " may not have been delivered: " + error.message(), GrpcClient.this, false, cause);
			}
		}

		@Override
		public void onCompleted() {
		}

	}

	// ---- as the origin of what the server sends ----

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
		return isConnected();
	}

	@Override
	public void close() {
		disconnect();
	}

	@Override
	public String describe() {
		return NetEndpoints.withPort(this.config.endpoint(), this.config.endpoint().port());
	}

}
