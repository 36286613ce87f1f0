package io.cdmf.ipc.transport.grpc;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.test.calc.AddReply;
import io.cdmf.ipc.test.calc.AddRequest;
import io.cdmf.ipc.test.calc.CalculatorGrpc;
import io.cdmf.ipc.test.calc.DivideReply;
import io.cdmf.ipc.test.calc.DivideRequest;
import io.cdmf.ipc.transport.EndpointUri;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * A {@link ServiceStub} called by clients made only of grpc-java's generated stubs ({@code calc.Calculator} from
 * {@code src/test/proto/calc/calculator.proto}, health and reflection): no CDMF class on the calling side.
 */
class GrpcInteropTests {

	private final List<Long> deadlines = new CopyOnWriteArrayList<>();

	private final List<SerializationFormat> formats = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

	private ServiceStub stub;

	private ManagedChannel channel;

	@BeforeEach
	void start() {
		this.stub = new ServiceStub(StubConfig.custom("Calculator")
			.endpoint("grpc://127.0.0.1:0?service=calc.Calculator&proto-descriptor=io.cdmf.ipc.test.calc.CalculatorProto")
			.build());
		this.stub.registerHandler("Add", request -> {
			this.deadlines.add(request.metadata().getExpirationMillis());
			this.formats.add(request.format());
			this.headers.add(new LinkedHashMap<>(request.getHeaders()));
			AddRequest add = AddRequest.parseFrom(request.payload());
			return AddReply.newBuilder().setSum(add.getA() + add.getB()).build().toByteString().asReadOnlyByteBuffer();
		});
		this.stub.registerMethod("Divide", bytes -> {
			DivideRequest divide = DivideRequest.parseFrom(bytes);
			if (divide.getDivisor() == 0) {
				throw new IpcException(ErrorCode.INVALID_ARGUMENT, "cannot divide " + divide.getDividend() + " by zero");
			}
			return DivideReply.newBuilder().setQuotient(divide.getDividend() / divide.getDivisor()).build().toByteArray();
		});
		this.stub.start();
		this.channel = channel(this.stub);
	}

	static ManagedChannel channel(ServiceStub stub) {
		EndpointUri bound = EndpointUri.parse(stub.getBoundEndpoints().get(0));
		return Grpc.newChannelBuilderForAddress(bound.host(), bound.port(), InsecureChannelCredentials.create()).build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.stub.stop();
	}

	@Test
	void shouldServeAGeneratedStubByMethodName() {
		CalculatorGrpc.CalculatorBlockingStub calculator = CalculatorGrpc.newBlockingStub(this.channel);
		assertThat(calculator.add(AddRequest.newBuilder().setA(40).setB(2).build()).getSum()).isEqualTo(42);
		assertThat(calculator.divide(DivideRequest.newBuilder().setDividend(84).setDivisor(2).build()).getQuotient())
			.isEqualTo(42);
		assertThat(this.formats).containsOnly(SerializationFormat.PROTOBUF);
	}

	@Test
	void shouldTurnTheClientDeadlineIntoTheRequestDeadline() {
		long before = System.currentTimeMillis();
		CalculatorGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(3, TimeUnit.SECONDS)
			.add(AddRequest.newBuilder().setA(1).setB(1).build());
		assertThat(this.deadlines).singleElement()
			.satisfies(deadline -> assertThat(deadline).isBetween(before + 2_000, System.currentTimeMillis() + 3_000));
	}

	@Test
	void shouldGiveTheHandlerTheCallsApplicationHeadersAsMessageHeaders() {
		Metadata sent = new Metadata();
		sent.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer x");
		sent.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		sent.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 1 });

		CalculatorGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent))
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.add(AddRequest.newBuilder().setA(1).setB(1).build());

		assertThat(this.headers).singleElement()
			.satisfies(received -> assertThat(received).containsExactly(entry("authorization", "Bearer x"),
					entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
	}

	@Test
	void shouldAnswerAHandlerErrorWithTheMappedStatus() {
		assertThatThrownBy(() -> CalculatorGrpc.newBlockingStub(this.channel)
			.divide(DivideRequest.newBuilder().setDividend(1).setDivisor(0).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class, ex -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).contains("by zero");
				assertThat(ex.getTrailers().get(GrpcStatusMapping.ERROR_CODE_KEY))
					.isEqualTo(Integer.toString(ErrorCode.INVALID_ARGUMENT.value()));
			});
	}

	@Test
	void whenTheStubHasNoSuchMethodThenUnimplemented() {
		this.stub.unregisterMethod("Divide");
		assertThatThrownBy(() -> CalculatorGrpc.newBlockingStub(this.channel)
			.divide(DivideRequest.newBuilder().setDividend(1).setDivisor(1).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
	}

	@Test
	void shouldListTheEnvelopeHealthAndDeclaredServicesByReflection() throws InterruptedException {
		List<ServerReflectionResponse> responses = reflect(ServerReflectionRequest.newBuilder().setListServices("*").build(),
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("calc.Calculator").build());
		assertThat(responses.get(0).getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
			.contains("cdmf.ipc.v1.Envelope", "grpc.health.v1.Health", "calc.Calculator",
					"grpc.reflection.v1.ServerReflection");
		assertThat(responses.get(1).getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
	}

	private List<ServerReflectionResponse> reflect(ServerReflectionRequest... requests) throws InterruptedException {
		List<ServerReflectionResponse> responses = new CopyOnWriteArrayList<>();
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		StreamObserver<ServerReflectionRequest> out = ServerReflectionGrpc.newStub(this.channel)
			.serverReflectionInfo(new StreamObserver<>() {

				@Override
				public void onNext(ServerReflectionResponse value) {
					responses.add(value);
				}

				@Override
				public void onError(Throwable t) {
					done.countDown();
				}

				@Override
				public void onCompleted() {
					done.countDown();
				}

			});
		for (ServerReflectionRequest request : requests) {
			out.onNext(request);
		}
		out.onCompleted();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(responses).hasSize(requests.length);
		return responses;
	}

	@Test
	void shouldReportServingWhileServingAndNotServingOnceStopping() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel);
		for (String service : new String[] { "", "calc.Calculator", "cdmf.ipc.v1.Envelope" }) {
			assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
				.as(service)
				.isEqualTo(ServingStatus.SERVING);
		}
		assertThatThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("other.Service").build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
		Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(20, TimeUnit.SECONDS)
			.watch(HealthCheckRequest.newBuilder().setService("calc.Calculator").build());
		assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.SERVING);
		Thread stopper = new Thread(this.stub::stop);
		stopper.start();
		assertThat(watch.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
		this.channel.shutdownNow();
	}

	@Test
	void withoutAServiceOptionAnyServiceNameReachesTheStub() throws InterruptedException {
		ServiceStub open = new ServiceStub(StubConfig.custom("Open").endpoint("grpc://127.0.0.1:0").build());
		open.registerMethod("Add", bytes -> {
			AddRequest add = AddRequest.parseFrom(bytes);
			return AddReply.newBuilder().setSum(add.getA() * 10 + add.getB()).build().toByteArray();
		});
		open.start();
		ManagedChannel openChannel = channel(open);
		try {
			assertThat(CalculatorGrpc.newBlockingStub(openChannel).add(AddRequest.newBuilder().setA(4).setB(2).build())
				.getSum()).isEqualTo(42);
		}
		finally {
			openChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			open.stop();
		}
	}

}
