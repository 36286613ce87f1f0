package io.cdmf.ipc.transport.grpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
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
 * {@code grpc://} with a stub and a proxy in this JVM, and raw gRPC clients where the envelope itself is tested.
 */
class GrpcTransportTests {

	private ServiceStub stub;

	private String endpoint;

	private final AtomicInteger events = new AtomicInteger();

	private final List<Long> deadlines = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startStub() {
		this.stub = new ServiceStub(StubConfig.custom("Test").endpoint("grpc://127.0.0.1:0")
			// 200 async calls go out at once below: above the default limit of 100 some would be refused under load.
			.maxConcurrentRequests(1000)
			.build());
		this.stub.registerMethod("echo", request -> request);
		this.stub.registerMethod("event", request -> {
			this.events.incrementAndGet();
			return null;
		});
		this.stub.registerMethod("sleep", request -> {
			Thread.sleep(Long.parseLong(new String(request, StandardCharsets.UTF_8)));
			return "slept".getBytes();
		});
		this.stub.registerMethod("fail", request -> {
			throw new IllegalStateException("boom");
		});
		this.stub.registerHandler("deadline", request -> {
			this.deadlines.add(request.metadata().getExpirationMillis());
			return null;
		});
		this.stub.start();
		this.endpoint = this.stub.getBoundEndpoints().get(0);
	}

	@AfterEach
	void stopStub() {
		this.stub.stop();
	}

	private ManagedChannel rawChannel() {
		EndpointUri bound = EndpointUri.parse(this.endpoint);
		return Grpc.newChannelBuilderForAddress(bound.host(), bound.port(), InsecureChannelCredentials.create()).build();
	}

	@Test
	void shouldReportTheBoundPortAndServeCalls() {
		assertThat(EndpointUri.parse(this.endpoint).port()).isPositive();
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			CallResult result = proxy.call("echo", "hello".getBytes(), Duration.ofSeconds(10));
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(new String(result.data())).isEqualTo("hello");
			List<CompletableFuture<CallResult>> futures = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 200; i++) {
				futures.add(proxy.callAsync("echo", ("call-" + i).getBytes()));
			}
			for (int i = 0; i < futures.size(); i++) {
				assertThat(new String(futures.get(i).join().data())).isEqualTo("call-" + i);
			}
		}
	}

	@Test
	void shouldCarryTheCallerDeadlineToTheHandler() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			long before = System.currentTimeMillis();
			assertThat(proxy.call("deadline", new byte[0], Duration.ofSeconds(7)).isSuccess()).isTrue();
			assertThat(this.deadlines).singleElement()
				.satisfies(deadline -> assertThat(deadline).isBetween(before + 6_000, System.currentTimeMillis() + 7_000));
		}
	}

	@Test
	void shouldDeliverOneWayCallsAndAnswerHeartbeats() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			for (int i = 0; i < 10; i++) {
				assertThat(proxy.callOneWay("event", new byte[0])).isTrue();
			}
			assertThat(proxy.ping(Duration.ofSeconds(5)).isSuccess()).isTrue();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.events.get() < 10 && System.nanoTime() < deadline) {
				assertThat(proxy.ping(Duration.ofSeconds(5)).isSuccess()).isTrue();
			}
			assertThat(this.events).hasValue(10);
		}
	}

	@Test
	void shouldKeepTheCodesOfRemoteFailures() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			assertThat(proxy.call("nothing", new byte[0]).errorCode()).isEqualTo(ErrorCode.METHOD_NOT_FOUND);
			CallResult failed = proxy.call("fail", new byte[0]);
			assertThat(failed.errorCode()).isEqualTo(ErrorCode.INTERNAL);
			assertThat(failed.errorMessage()).contains("boom");
			long start = System.nanoTime();
			CallResult late = proxy.call("sleep", "2000".getBytes(), Duration.ofMillis(200));
			assertThat(late.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
		}
	}

	@Test
	void whenAMessageIsLargerThanTheFrameLimitThenNothingIsSent() {
		try (Transport client = TransportFactory.create(TransportConfig.custom(this.endpoint).maxFrameLength(4096).build())) {
			client.connect();
			assertThatThrownBy(() -> client.send(Message.request("echo", java.nio.ByteBuffer.allocate(8192))))
				.isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
		}
	}

	@Test
	void whenNothingListensThenConnectFailsUnavailable() {
		this.stub.stop();
		try (Transport client = TransportFactory.create(this.endpoint)) {
			assertThatThrownBy(client::connect).isInstanceOf(IpcException.class)
				.extracting(ex -> ((IpcException) ex).getErrorCode())
				.isEqualTo(ErrorCode.UNAVAILABLE);
		}
	}

	@Test
	void shouldExchangeEnvelopesOnTheBidirectionalStream() throws Exception {
		ManagedChannel channel = rawChannel();
		try {
			BlockingQueue<EnvelopeMessage> answers = new LinkedBlockingQueue<>();
			StreamObserver<EnvelopeMessage> requests = EnvelopeGrpc.newStub(channel).stream(new StreamObserver<>() {

				@Override
				public void onNext(EnvelopeMessage value) {
					answers.add(value);
				}

				@Override
				public void onError(Throwable t) {
				}

				@Override
				public void onCompleted() {
				}

			});
			Message first = Message.request("echo", java.nio.ByteBuffer.wrap("one".getBytes()));
			requests.onNext(EnvelopeCodec.toEnvelope(first));
			requests.onNext(EnvelopeMessage.newBuilder().setSubject("echo").setMessageId(ByteString.copyFromUtf8("x")).build());
			Message second = Message.request("echo", java.nio.ByteBuffer.wrap("two".getBytes()));
			requests.onNext(EnvelopeCodec.toEnvelope(second));
			EnvelopeMessage a = answers.poll(10, TimeUnit.SECONDS);
			EnvelopeMessage b = answers.poll(10, TimeUnit.SECONDS);
			EnvelopeMessage c = answers.poll(10, TimeUnit.SECONDS);
			List<Message> replies = java.util.stream.Stream.of(a, b, c).map(e -> EnvelopeCodec.fromEnvelope(e, 0)).toList();
			assertThat(replies).filteredOn(m -> m.getType() == MessageType.ERROR)
				.singleElement()
				.satisfies(m -> {
					assertThat(m.getErrorInfo().code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
					assertThat(m.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
				});
			assertThat(replies).filteredOn(m -> m.getType() == MessageType.RESPONSE)
				.extracting(m -> m.getHeader().getCorrelationId())
				.containsExactlyInAnyOrder(first.getMessageId(), second.getMessageId());
			requests.onCompleted();
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void whenARawClientSendsMalformedEnvelopesThenOtherClientsAreStillServed() throws Exception {
		ManagedChannel channel = rawChannel();
		AtomicBoolean done = new AtomicBoolean();
		List<Status.Code> refusals = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> garbage = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 300 && !done.get(); i++) {
				byte[] junk = new byte[64 + ThreadLocalRandom.current().nextInt(200)];
				ThreadLocalRandom.current().nextBytes(junk);
				if (i % 2 == 1) {
					junk = EnvelopeMessage.newBuilder().setSubject("echo").setTypeValue(99).build().toByteArray();
				}
				try {
					ClientCalls.blockingUnaryCall(channel, RawMethodRegistry.descriptor(EnvelopeGrpc.getCallMethod()
						.getFullMethodName(), null), CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), junk);
				}
				catch (StatusRuntimeException ex) {
					refusals.add(ex.getStatus().getCode());
				}
			}
		});
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(this.endpoint))) {
			for (int i = 0; i < 200; i++) {
				CallResult result = proxy.call("echo", ("good-" + i).getBytes(), Duration.ofSeconds(10));
				assertThat(result.isSuccess()).as(result.toString()).isTrue();
			}
		}
		finally {
			done.set(true);
			garbage.get(30, TimeUnit.SECONDS);
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		assertThat(refusals).isNotEmpty().doesNotContain(Status.Code.OK, Status.Code.UNAVAILABLE);
		assertThat(refusals).contains(Status.Code.INVALID_ARGUMENT);
		assertThat(this.stub.getTransports().get(0).getStats().framesRejected()).isPositive();
	}

	@Test
	void shouldTellTheExactCodeOfARefusedEnvelopeInTheTrailer() throws Exception {
		ManagedChannel channel = rawChannel();
		try {
			byte[] bad = EnvelopeMessage.newBuilder().setSubject("echo").setFlags(1 << 20).build().toByteArray();
			assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel,
					RawMethodRegistry.descriptor(EnvelopeGrpc.getCallMethod().getFullMethodName(), null),
					CallOptions.DEFAULT, bad))
				.isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
					Metadata trailers = ex.getTrailers();
					assertThat(trailers.get(GrpcStatusMapping.ERROR_CODE_KEY))
						.isEqualTo(Integer.toString(ErrorCode.MALFORMED_FRAME.value()));
				});
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void shouldTellProxiesNotToSpinForItsLongRoundTrips() {
		try (Transport grpc = TransportFactory.create("grpc://127.0.0.1:0");
				Transport tcp = TransportFactory.create("tcp://127.0.0.1:0")) {
			assertThat(grpc.isWorthSpinningFor()).isFalse();
			assertThat(tcp.isWorthSpinningFor()).isTrue();
		}
	}

}
