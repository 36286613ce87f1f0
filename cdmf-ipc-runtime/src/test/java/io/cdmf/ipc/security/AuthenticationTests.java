package io.cdmf.ipc.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.AuthenticationHandler;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bearer tokens and peer allow-lists on real transports: the admitted caller is served, the others get
 * {@code UNAUTHENTICATED} flagged as not run, and the handler never runs for them.
 */
class AuthenticationTests {

	private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

	private final TestEndpoints endpoints = new TestEndpoints();

	private final ShmTestDirectory shm = new ShmTestDirectory();

	private ServiceStub stub;

	private int handled;

	@AfterEach
	void close() {
		if (this.stub != null) {
			this.stub.stop();
		}
		this.endpoints.close();
		this.shm.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "tcp" }) // grpc: GrpcAuthenticationTests, in cdmf-ipc-grpc
	void bearerTokenAdmitsOnlyTheRightToken(String scheme) {
		String endpoint = start(scheme, BearerTokens.accepting(List.of("s3cret", "next-s3cret")));
		assertThat(call(endpoint, "s3cret").isSuccess()).isTrue();
		assertThat(call(endpoint, "next-s3cret").isSuccess()).isTrue();
		assertRefused(call(endpoint, "s3cre"));
		assertRefused(call(endpoint, "s3cret-and-more"));
		assertRefused(call(endpoint, null));
		assertThat(this.handled).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "unix", "shm" })
	void peerAllowListAdmitsTheCurrentUser(String scheme) {
		String endpoint = start(scheme, PeerAllowList.builder().currentUser().build());
		assertThat(call(endpoint, null).isSuccess()).isTrue();
	}

	@Test
	void peerAllowListAdmitsByUserName() {
		String endpoint = start("unix", PeerAllowList.builder().user(System.getProperty("user.name")).build());
		assertThat(call(endpoint, null).isSuccess()).isTrue();
		this.stub.stop();
		String other = start("unix", PeerAllowList.builder().user("no-such-user-here").group("no-such-group").build());
		assertRefused(call(other, null));
	}

	@Test
	void peerAllowListRefusesOtherUsersOnSharedMemory() {
		String endpoint = start("shm", PeerAllowList.builder().uid(4_000_000).build());
		assertRefused(call(endpoint, null));
	}

	@Test
	void peerAllowListRefusesOtherUsers() {
		String endpoint = start("unix", PeerAllowList.builder().uid(4_000_000).gid(4_000_001).build());
		assertRefused(call(endpoint, null));
		assertThat(this.handled).isZero();
	}

	@Test
	void peerAllowListRefusesPeersTheTransportCannotIdentifyUnlessTold() {
		String refused = start("tcp", PeerAllowList.builder().currentUser().build());
		assertRefused(call(refused, null));
		this.stub.stop();
		String admitted = start("tcp", PeerAllowList.builder().currentUser().admitUnknownPeers().build());
		assertThat(call(admitted, null).isSuccess()).isTrue();
	}

	@Test
	void combinedChecksNeedBothOrEither() {
		AuthenticationHandler local = PeerAllowList.builder().currentUser().build();
		AuthenticationHandler token = BearerTokens.accepting(List.of("s3cret"));
		String both = start("unix", AuthenticationHandler.allOf(local, token));
		assertRefused(call(both, null));
		assertThat(call(both, "s3cret").isSuccess()).isTrue();
		this.stub.stop();
		String either = start("tcp", AuthenticationHandler.anyOf(local, token));
		assertRefused(call(either, null));
		assertThat(call(either, "s3cret").isSuccess()).isTrue();
	}

	@Test
	void clientWithoutATokenDoesNotSend() {
		String endpoint = start("unix", BearerTokens.accepting(List.of("s3cret")));
		try (ServiceProxy proxy = new ServiceProxy(ChannelConfig.custom("Secure")
			.endpoints(endpoint)
			.interceptor(BearerTokens.clientInterceptor(() -> " "))
			.build())) {
			CallResult result = proxy.call("echo", HELLO);
			assertThat(result.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED);
			assertThat(result.errorMessage()).contains("returned no token");
		}
		assertThat(this.stub.getStats().requests()).isZero();
	}

	@Test
	void rejectsConfigurationsThatAdmitNobody() {
		assertThatIllegalArgumentException().isThrownBy(() -> BearerTokens.accepting(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> BearerTokens.accepting(List.of(" ")));
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAllowList.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAllowList.builder().uid(-1));
	}

	private String start(String scheme, AuthenticationHandler handler) {
		String endpoint = switch (scheme) {
			case "unix" -> this.endpoints.endpoint("unix", "auth");
			case "shm" -> this.shm.endpoint("auth");
			default -> scheme + "://127.0.0.1:0";
		};
		this.stub = new ServiceStub(StubConfig.custom("Secure").endpoint(endpoint).build());
		this.stub.registerMethod("echo", request -> {
			this.handled++;
			return request;
		});
		this.stub.setAuthenticationHandler(handler);
		this.stub.start();
		return this.stub.getBoundEndpoints().get(0);
	}

	private static CallResult call(String endpoint, String token) {
		ChannelConfig.Builder config = ChannelConfig.custom("Secure").endpoints(endpoint);
		if (token != null) {
			config.interceptor(BearerTokens.clientInterceptor(() -> token));
		}
		try (ServiceProxy proxy = new ServiceProxy(config.build())) {
			return proxy.call("echo", HELLO);
		}
	}

	private static void assertRefused(CallResult result) {
		assertThat(result.errorCode()).as(result.toString()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(result.isKnownNotRun()).isTrue();
	}

}
