package io.cdmf.ipc.transport.grpc;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * The server side of the calls a {@link GrpcTransport} serves, on whichever gRPC server carries them: its own
 * ({@link GrpcServer}) or the application's ({@link GrpcServiceHost}). Each call is handed to the transport a
 * {@link Router} picks.
 *
 * @since 0.1.0
 */
final class EnvelopeCalls {

	private EnvelopeCalls() {
	}

	/**
	 * Picks the transport that serves the call whose context is current.
	 */
	@FunctionalInterface
	interface Router {

		/**
		 * Returns the transport.
		 * @return the transport
		 * @throws StatusRuntimeException with the status to refuse the call with, if no transport serves it
		 */
		GrpcTransport route();

	}

	/**
	 * Builds the envelope service ({@code Call} and {@code Stream}) handing each call to a routed transport.
	 * @param router picks the transport of each call
	 * @return the service definition
	 */
	static ServerServiceDefinition definition(Router router) {
		MethodDescriptor<EnvelopeRequest, EnvelopeMessage> callMethod = readable(EnvelopeGrpc.getCallMethod());
		MethodDescriptor<EnvelopeRequest, EnvelopeMessage> streamMethod = readable(EnvelopeGrpc.getStreamMethod());
		ServiceDescriptor service = ServiceDescriptor.newBuilder(EnvelopeGrpc.SERVICE_NAME)
			.setSchemaDescriptor(EnvelopeGrpc.getServiceDescriptor().getSchemaDescriptor())
			.addMethod(callMethod)
			.addMethod(streamMethod)
			.build();
		return ServerServiceDefinition.builder(service)
			.addMethod(callMethod, ServerCalls.asyncUnaryCall((request, responses) -> {
				GrpcTransport transport;
				try {
					transport = router.route();
				}
				catch (StatusRuntimeException ex) {
					responses.onError(ex);
					return;
				}
				IpcException unreadable = request.failure();
				if (unreadable != null) {
					refuse(transport, unreadable, responses);
					return;
				}
				call(transport, request.envelope(), responses);
			}))
			.addMethod(streamMethod, ServerCalls.asyncBidiStreamingCall((responses) -> {
				GrpcTransport transport;
				try {
					transport = router.route();
				}
				catch (StatusRuntimeException ex) {
					responses.onError(ex);
					return new Ignored();
				}
				return new ReadableStream(new GrpcServerStream(transport,
						(ServerCallStreamObserver<EnvelopeMessage>) responses, transport.nextId()));
			}))
			.build();
	}

	/**
	 * Returns a method of the envelope service whose requests keep a parse failure ({@link EnvelopeRequest}).
	 */
	private static MethodDescriptor<EnvelopeRequest, EnvelopeMessage> readable(
			MethodDescriptor<EnvelopeMessage, EnvelopeMessage> method) {
		return method
			.toBuilder(EnvelopeRequest.marshaller(method.getRequestMarshaller()), method.getResponseMarshaller())
			.build();
	}

	private static void refuse(GrpcTransport transport, IpcException ex, StreamObserver<EnvelopeMessage> responses) {
		transport.rejected(PeerInterceptor.current().address(), ex, null);
		ErrorInfo error = ErrorInfo.of(ex.getErrorCode(), String.valueOf(ex.getMessage()), "envelope");
		responses
			.onError(GrpcStatusMapping.toStatus(error).asRuntimeException(GrpcStatusMapping.trailers(error.code())));
	}

	/**
	 * Serves one unary envelope call.
	 * @param transport the transport that takes the message
	 * @param envelope the request
	 * @param responses the call's response side
	 */
	static void call(GrpcTransport transport, EnvelopeMessage envelope, StreamObserver<EnvelopeMessage> responses) {
		ServerCallStreamObserver<EnvelopeMessage> observer = (ServerCallStreamObserver<EnvelopeMessage>) responses;
		Message message;
		try {
			message = EnvelopeCodec.fromEnvelope(envelope, callDeadlineMillis());
		}
		catch (IpcException ex) {
			refuse(transport, ex, observer);
			return;
		}
		GrpcServerCall<EnvelopeMessage> call = GrpcServerCall.envelope(transport, observer, transport.nextId());
		message.setOrigin(call);
		transport.received(message, envelope.getSerializedSize());
		if (!EnvelopeCodec.expectsAnswer(message)) {
			call.acknowledge(message);
		}
	}

	/**
	 * Serves one call of a standard gRPC client: the request's bytes are the payload of a {@code PROTOBUF} request,
	 * and the call's application headers are its message headers ({@link GrpcHeaderMapping}).
	 * @param transport the transport that takes the message
	 * @param method the bare method name
	 * @param request the request message's bytes
	 * @param responses the call's response side
	 */
	static void raw(GrpcTransport transport, String method, byte[] request, StreamObserver<byte[]> responses) {
		Message message = Message.request(method, ByteBuffer.wrap(request));
		message.getHeader().setFormat(SerializationFormat.PROTOBUF);
		message.getMetadata().setExpirationMillis(callDeadlineMillis());
		Metadata headers = PeerInterceptor.HEADERS.get();
		if (headers != null) {
			try {
				GrpcHeaderMapping.toMessage(headers, message);
			}
			catch (IllegalArgumentException ex) {
				IpcException refused = new IpcException(ErrorCode.INVALID_ARGUMENT,
						"request headers of " + method + ": " + ex.getMessage(), ex);
				transport.rejected(PeerInterceptor.current().address(), refused, null);
				responses.onError(Status.INVALID_ARGUMENT.withDescription(refused.getMessage())
					.asRuntimeException(GrpcStatusMapping.trailers(ErrorCode.INVALID_ARGUMENT)));
				return;
			}
		}
		GrpcServerCall<byte[]> call = GrpcServerCall.raw(transport, (ServerCallStreamObserver<byte[]>) responses,
				transport.nextId());
		message.setOrigin(call);
		transport.received(message, request.length);
	}

	private static long callDeadlineMillis() {
		Deadline deadline = Context.current().getDeadline();
		return (deadline != null)
				? System.currentTimeMillis() + Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS)) : 0;
	}

	/**
	 * Hands a stream's readable envelopes to the stream and refuses the unreadable ones, which the stream survives.
	 */
	private static final class ReadableStream implements StreamObserver<EnvelopeRequest> {

		private final GrpcServerStream stream;

		ReadableStream(GrpcServerStream stream) {
			this.stream = stream;
		}

		@Override
		public void onNext(EnvelopeRequest request) {
			EnvelopeMessage envelope = request.envelope();
			if (envelope != null) {
				this.stream.onNext(envelope);
			}
			else {
				this.stream.refuse(request.failure(), EnvelopeMessage.getDefaultInstance());
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.stream.onError(failure);
		}

		@Override
		public void onCompleted() {
			this.stream.onCompleted();
		}

	}

	/**
	 * Takes what a client sends on a stream that was refused.
	 */
	private static final class Ignored implements StreamObserver<EnvelopeRequest> {

		@Override
		public void onNext(EnvelopeRequest value) {
		}

		@Override
		public void onError(Throwable failure) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
