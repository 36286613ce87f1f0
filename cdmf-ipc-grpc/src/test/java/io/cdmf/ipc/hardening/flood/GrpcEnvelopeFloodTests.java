package io.cdmf.ipc.hardening.flood;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.testsupport.RawBytesMarshaller;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.cdmf.ipc.transport.grpc.v1.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * Floods a {@code grpc://} server in another JVM with bad envelopes: a raw grpc-java client, one new channel (one
 * HTTP/2 connection) per round, sends one to eight requests, as unary {@code cdmf.ipc.v1.Envelope/Call} calls or on
 * one {@code Envelope/Stream} call (which must survive them and end normally), whose bytes are random, truncated or
 * bit-flipped envelopes, or well-formed protobuf with fields out of range (type, format,
 * priority, flags, ids, deadline, retry counts), among some valid ones. What the server must count is told by
 * parsing each request as the server does: bytes that are not an envelope, and envelopes the codec refuses, are
 * each one rejection.
 */
class GrpcEnvelopeFloodTests extends AbstractFloodTests {

	private static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor
		.newBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE)
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("cdmf.ipc.v1.Envelope/Call")
		.build();

	private static final MethodDescriptor<byte[], byte[]> STREAM = MethodDescriptor
		.newBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE)
		.setType(MethodDescriptor.MethodType.BIDI_STREAMING)
		.setFullMethodName("cdmf.ipc.v1.Envelope/Stream")
		.build();

	private static final Method FROM_ENVELOPE = fromEnvelope();

	@Override
	String serverEndpoint() {
		return "grpc://127.0.0.1:0";
	}

	@Override
	void floodRound(String endpoint, FloodFrames frames, FloodTally tally) throws Exception {
		EndpointUri server = EndpointUri.parse(endpoint);
		ManagedChannel channel = Grpc
			.newChannelBuilderForAddress(server.host(), server.port(), InsecureChannelCredentials.create())
			.build();
		try {
			tally.connection();
			if (frames.nextInt(2) == 0) {
				unaryCalls(channel, frames, tally);
			}
			else {
				stream(channel, frames, tally);
			}
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static void unaryCalls(ManagedChannel channel, FloodFrames frames, FloodTally tally) {
		for (int i = 1 + frames.nextInt(8); i > 0; i--) {
			byte[] request = envelope(frames);
			expect(request, System.currentTimeMillis() + 10_000, tally);
			try {
				ClientCalls.blockingUnaryCall(channel, CALL,
						CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
			}
			catch (StatusRuntimeException ex) {
				// A refused envelope, or an error answer to a valid one: the server goes on.
			}
		}
	}

	/**
	 * Sends one to eight requests on one {@code Envelope/Stream} call, which must survive the bad ones, then ends it
	 * and waits for the server to end its side.
	 */
	private static void stream(ManagedChannel channel, FloodFrames frames, FloodTally tally) throws Exception {
		CompletableFuture<Void> ended = new CompletableFuture<>();
		StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
				channel.newCall(STREAM, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
				new StreamObserver<>() {

					@Override
					public void onNext(byte[] answer) {
						// Answers to the valid requests and ERROR envelopes for the refused ones.
					}

					@Override
					public void onError(Throwable failure) {
						ended.completeExceptionally(failure);
					}

					@Override
					public void onCompleted() {
						ended.complete(null);
					}

				});
		for (int i = 1 + frames.nextInt(8); i > 0; i--) {
			byte[] request = envelope(frames);
			expect(request, 0, tally);
			requests.onNext(request);
		}
		requests.onCompleted();
		// A stream that a bad envelope had ended would fail here instead of completing.
		ended.get(20, TimeUnit.SECONDS);
	}

	private static void expect(byte[] request, long callDeadlineMillis, FloodTally tally) {
		EnvelopeMessage envelope;
		try {
			envelope = EnvelopeMessage.parseFrom(request);
		}
		catch (InvalidProtocolBufferException ex) {
			tally.sent(1, request.length, new FrameOracle.Expected(1, 0, false));
			return;
		}
		boolean valid;
		try {
			FROM_ENVELOPE.invoke(null, envelope, callDeadlineMillis);
			valid = true;
		}
		catch (InvocationTargetException ex) {
			if (!(ex.getCause() instanceof IpcException)) {
				throw new AssertionError("the codec failed on " + envelope, ex.getCause());
			}
			valid = false;
		}
		catch (IllegalAccessException ex) {
			throw new AssertionError(ex);
		}
		tally.sent(1, request.length, new FrameOracle.Expected(valid ? 0 : 1, valid ? 1 : 0, false));
	}

	private static byte[] envelope(FloodFrames frames) {
		EnvelopeMessage.Builder valid = EnvelopeMessage.newBuilder()
			.setMessageId(id())
			.setTypeValue(1)
			.setSubject((frames.nextInt(4) == 0) ? "noSuchMethod" : "echo")
			.setPayload(ByteString.copyFrom("flood", StandardCharsets.UTF_8));
		switch (frames.nextInt(14)) {
			case 0 -> {
				return frames.next(FloodFrames.Kind.RANDOM);
			}
			case 1 -> {
				byte[] bytes = valid.build().toByteArray();
				return Arrays.copyOf(bytes, frames.nextInt(bytes.length));
			}
			case 2 -> {
				byte[] bytes = valid.build().toByteArray();
				bytes[frames.nextInt(bytes.length)] ^= (byte) (1 << frames.nextInt(8));
				return bytes;
			}
			case 3 -> valid.setTypeValue(7 + frames.nextInt(100));
			case 4 -> valid.setFormatValue(5 + frames.nextInt(100));
			case 5 -> valid.setPriorityValue(5 + frames.nextInt(100));
			case 6 -> valid.setFlags(0x10000 << frames.nextInt(15));
			case 7 -> valid.setMessageId(ByteString.copyFrom(new byte[1 + frames.nextInt(15)]));
			case 8 -> valid.setCorrelationId(ByteString.copyFrom(new byte[17 + frames.nextInt(15)]));
			case 9 -> valid.setDeadlineUnixMillis(-1 - frames.nextInt(1000));
			case 10 -> valid.setRetryCount(0x10000 + frames.nextInt(1000));
			case 11 -> valid.setError(ErrorInfo.newBuilder().setCode(frames.nextInt(100_000)).setMessage("?"));
			case 12 -> valid.setSubject("");
			default -> {
				// Valid: the server answers.
			}
		}
		return valid.build().toByteArray();
	}

	private static ByteString id() {
		MessageId id = MessageId.next();
		return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(id.high()).putLong(id.low()).flip());
	}

	private static Method fromEnvelope() {
		try {
			Method method = Class.forName("io.cdmf.ipc.transport.grpc.EnvelopeCodec")
				.getDeclaredMethod("fromEnvelope", EnvelopeMessage.class, long.class);
			method.setAccessible(true);
			return method;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("The envelope codec changed: update this test's oracle", ex);
		}
	}

	/**
	 * Sends and takes request and response bytes as they are.
	 */
}
