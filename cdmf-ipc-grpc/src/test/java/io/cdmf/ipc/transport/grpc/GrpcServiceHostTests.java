package io.cdmf.ipc.transport.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.test.calc.AddReply;
import io.cdmf.ipc.test.calc.AddRequest;
import io.cdmf.ipc.test.calc.CalculatorGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Services served on a gRPC server the application runs (here a plain grpc-java server), through a
 * {@link GrpcServiceHost}: no port of their own, envelopes routed by the service header, raw calls by service name.
 */
class GrpcServiceHostTests {

	private GrpcServiceHost host;

	private Server server;

	private ServiceStub calculator;

	private ServiceStub greeter;

	@BeforeEach
	void startServerAndStubs() throws IOException {
		this.host = GrpcServiceHost.register("host-tests-" + System.nanoTime());
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(this.host.envelopeService())
			.fallbackHandlerRegistry(this.host.fallbackRegistry())
			.build()
			.start();
		this.calculator = stub("calc.Calculator", "Add", request -> {
			AddRequest add = AddRequest.parseFrom(request);
			return AddReply.newBuilder().setSum(add.getA() + add.getB()).build().toByteArray();
		});
		this.greeter = stub("greeter", "greet", request -> ("hello " + new String(request, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8));
		this.host.serverStarted(this.server.getPort());
	}

	private ServiceStub stub(String name, String method, io.cdmf.ipc.rpc.MethodHandler handler) {
		ServiceStub stub = new ServiceStub(StubConfig.custom(name)
			.endpoint("grpc://127.0.0.1:1?server=" + this.host.name() + "&service=" + name)
			.build());
		stub.registerMethod(method, handler);
		stub.start();
		return stub;
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.calculator.stop();
		this.greeter.stop();
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.host.close();
	}

	@Test
	void shouldReportTheApplicationServersPortAsTheBoundEndpoint() {
		assertThat(this.greeter.getBoundEndpoints()).singleElement()
			.asString()
			.startsWith("grpc://127.0.0.1:" + this.server.getPort() + "?");
		assertThat(this.host.servedServices()).hasSize(2);
	}

	@Test
	void shouldRouteEnvelopesByTheServiceTheClientNames() {
		String endpoint = "grpc://127.0.0.1:" + this.server.getPort();
		for (String mode : new String[] { "stream", "unary" }) {
			try (ServiceProxy proxy = new ServiceProxy(
					ProxyConfig.of(endpoint + "?service=greeter&call-mode=" + mode))) {
				CallResult result = proxy.call("greet", "grpc".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
				assertThat(result.isSuccess()).as(mode + ": " + result).isTrue();
				assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo("hello grpc");
			}
		}
	}

	@Test
	void whenSeveralServicesShareTheServerThenAnUnnamedClientIsRefused() {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of("grpc://127.0.0.1:" + this.server.getPort()
				+ "?call-mode=unary"))) {
			CallResult result = proxy.call("greet", new byte[0], Duration.ofSeconds(5));
			assertThat(result.isSuccess()).isFalse();
			assertThat(result.errorCode()).isEqualTo(ErrorCode.ILLEGAL_STATE);
		}
	}

	@Test
	void shouldServeStandardGrpcClientsByServiceName() throws InterruptedException {
		ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + this.server.getPort(),
				InsecureChannelCredentials.create()).build();
		try {
			AddReply reply = CalculatorGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.add(AddRequest.newBuilder().setA(40).setB(2).build());
			assertThat(reply.getSum()).isEqualTo(42);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void shouldGiveStandardGrpcClientsHeadersToTheHandler() throws InterruptedException {
		this.calculator.registerHandler("Tenant", request -> ByteBuffer
			.wrap(String.valueOf(request.getHeader("x-tenant")).getBytes(StandardCharsets.UTF_8)));
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER), "acme");
		ManagedChannel channel = Grpc.newChannelBuilder("127.0.0.1:" + this.server.getPort(),
				InsecureChannelCredentials.create()).build();
		try {
			byte[] reply = ClientCalls.blockingUnaryCall(
					ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
					RawMethodRegistry.descriptor("calc.Calculator/Tenant", null),
					CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), new byte[0]);
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("acme");
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void whenNoHostHasTheNameThenTheStubCannotStart() {
		ServiceStub orphan = new ServiceStub(
				StubConfig.custom("orphan").endpoint("grpc://127.0.0.1:1?server=nobody-registered-this").build());
		assertThatThrownBy(orphan::start).isInstanceOf(IpcException.class).hasMessageContaining("nobody-registered-this");
	}

}
