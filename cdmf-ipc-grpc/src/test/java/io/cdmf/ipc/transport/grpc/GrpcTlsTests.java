package io.cdmf.ipc.transport.grpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.test.calc.AddReply;
import io.cdmf.ipc.test.calc.AddRequest;
import io.cdmf.ipc.test.calc.CalculatorGrpc;
import io.cdmf.ipc.testsupport.TestCertificates;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.PeerCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grpcs://}: TLS and mutual TLS with a CA made for the test, for CDMF proxies and standard gRPC clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcTlsTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final TestCertificates certificates = new TestCertificates(this.endpoints.directory().resolve("pki"));

	private final List<PeerCredentials> callers = new CopyOnWriteArrayList<>();

	@AfterAll
	void cleanUp() {
		this.endpoints.close();
	}

	private ServiceStub stub(String extraOptions) {
		ServiceStub stub = new ServiceStub(StubConfig.custom("Secure")
			.endpoint("grpcs://127.0.0.1:0?" + this.certificates.serverOptions("server") + extraOptions)
			.build());
		stub.registerHandler("whoami", request -> {
			this.callers.add(request.peer());
			return java.nio.ByteBuffer.wrap(request.peer().user().getBytes());
		});
		stub.registerMethod("Add", bytes -> {
			AddRequest add = AddRequest.parseFrom(bytes);
			return AddReply.newBuilder().setSum(add.getA() + add.getB()).build().toByteArray();
		});
		stub.start();
		return stub;
	}

	private String client(ServiceStub stub, String options) {
		EndpointUri bound = EndpointUri.parse(stub.getBoundEndpoints().get(0));
		return "grpcs://localhost:" + bound.port() + "?" + options;
	}

	private String trust(java.nio.file.Path ca) {
		return "trust-certs=" + ca;
	}

	private String identity(String name) {
		return "&cert-chain=" + this.certificates.chain(name) + "&private-key=" + this.certificates.key(name);
	}

	private static CallResult call(String endpoint) {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			return proxy.call("whoami", new byte[0], Duration.ofSeconds(10));
		}
	}

	@Test
	void whenTheClientTrustsTheServerThenItIsServed() {
		try (ServiceStub stub = stub("")) {
			CallResult result = call(client(stub, trust(this.certificates.ca())));
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
		}
	}

	@Test
	void whenTheServerIsNotTrustedThenTheClientGetsUnavailable() {
		try (ServiceStub stub = stub("")) {
			CallResult result = call(client(stub, trust(this.certificates.rogueCa())));
			assertThat(result.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
		}
	}

	@Test
	void whenClientAuthIsRequiredThenOnlyATrustedClientCertificateIsServed() {
		this.callers.clear();
		try (ServiceStub stub = stub("&client-auth=require&" + trust(this.certificates.ca()))) {
			assertThat(call(client(stub, trust(this.certificates.ca()))).isSuccess()).as("no client certificate").isFalse();
			assertThat(call(client(stub, trust(this.certificates.ca()) + identity("rogue-client"))).isSuccess())
				.as("certificate of an untrusted CA")
				.isFalse();
			CallResult trusted = call(client(stub, trust(this.certificates.ca()) + identity("client")));
			assertThat(trusted.isSuccess()).as(trusted.toString()).isTrue();
			assertThat(new String(trusted.data())).contains("CN=trusted-client");
			assertThat(this.callers).singleElement().satisfies(peer -> assertThat(peer.user()).contains("CN=trusted-client"));
		}
	}

	@Test
	void shouldServeAStandardGrpcClientOverMutualTls() throws Exception {
		try (ServiceStub stub = stub("&client-auth=require&" + trust(this.certificates.ca()))) {
			int port = EndpointUri.parse(stub.getBoundEndpoints().get(0)).port();
			TlsChannelCredentials credentials = (TlsChannelCredentials) TlsChannelCredentials.newBuilder()
				.trustManager(this.certificates.ca().toFile())
				.keyManager(this.certificates.chain("client").toFile(), this.certificates.key("client").toFile())
				.build();
			ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
			try {
				assertThat(CalculatorGrpc.newBlockingStub(channel).add(AddRequest.newBuilder().setA(2).setB(3).build())
					.getSum()).isEqualTo(5);
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

}
