package io.cdmf.ipc.transport.grpc;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests of the envelope service whose bytes are not an envelope at all: counted as rejected frames and refused
 * with {@code MALFORMED_FRAME}, like envelopes the codec refuses; a stream goes on after one.
 */
class EnvelopeRequestTests {

	/** A field tag with wire type 7, which does not exist: no protobuf parser takes it. */
	private static final byte[] NOT_PROTOBUF = { (byte) 0x0F, 0x01, 0x02 };

	private ServiceStub stub;

	private ManagedChannel channel;

	@BeforeEach
	void start() {
		this.stub = new ServiceStub(StubConfig.custom("Test").endpoint("grpc://127.0.0.1:0").build());
		this.stub.registerMethod("echo", request -> request);
		this.stub.start();
		EndpointUri bound = EndpointUri.parse(this.stub.getBoundEndpoints().get(0));
		this.channel = Grpc.newChannelBuilderForAddress(bound.host(), bound.port(), InsecureChannelCredentials.create())
			.build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.stub.stop();
	}

	@Test
	void whenAUnaryRequestIsNotAnEnvelopeThenItIsCountedAndRefusedAsMalformed() {
		assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(this.channel,
				RawMethodRegistry.descriptor(EnvelopeGrpc.getCallMethod().getFullMethodName(), null),
				CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), NOT_PROTOBUF))
			.isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).contains("not a cdmf.ipc.v1.EnvelopeMessage");
				assertThat(ex.getTrailers().get(GrpcStatusMapping.ERROR_CODE_KEY))
					.isEqualTo(Integer.toString(ErrorCode.MALFORMED_FRAME.value()));
			});
		assertThat(this.stub.getTransports().get(0).getStats().framesRejected()).isEqualTo(1);
	}

	@Test
	void whenAStreamCarriesBytesThatAreNotAnEnvelopeThenItAnswersAnErrorAndGoesOn() throws Exception {
		MethodDescriptor<byte[], byte[]> stream = MethodDescriptor
			.newBuilder(ByteArrayMarshaller.INSTANCE, ByteArrayMarshaller.INSTANCE)
			.setType(MethodDescriptor.MethodType.BIDI_STREAMING)
			.setFullMethodName(EnvelopeGrpc.getStreamMethod().getFullMethodName())
			.build();
		BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
		StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
				this.channel.newCall(stream, CallOptions.DEFAULT), new StreamObserver<>() {

					@Override
					public void onNext(byte[] value) {
						answers.add(value);
					}

					@Override
					public void onError(Throwable failure) {
						answers.add(failure);
					}

					@Override
					public void onCompleted() {
						answers.add("completed");
					}

				});
		requests.onNext(NOT_PROTOBUF);
		Message good = Message.request("echo", ByteBuffer.wrap("after".getBytes()));
		requests.onNext(EnvelopeCodec.toEnvelope(good).toByteArray());
		Message error = EnvelopeCodec
			.fromEnvelope(EnvelopeMessage.parseFrom((byte[]) answers.poll(10, TimeUnit.SECONDS)), 0);
		assertThat(error.getType()).isEqualTo(MessageType.ERROR);
		assertThat(error.getErrorInfo().code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
		assertThat(error.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
		Message answer = EnvelopeCodec
			.fromEnvelope(EnvelopeMessage.parseFrom((byte[]) answers.poll(10, TimeUnit.SECONDS)), 0);
		assertThat(answer.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(answer.getHeader().getCorrelationId()).isEqualTo(good.getMessageId());
		assertThat(new String(answer.getPayloadBytes())).isEqualTo("after");
		assertThat(this.stub.getTransports().get(0).getStats().framesRejected()).isEqualTo(1);
		requests.onCompleted();
		assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
	}

}
