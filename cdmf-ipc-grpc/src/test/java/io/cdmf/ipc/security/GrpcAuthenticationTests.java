package io.cdmf.ipc.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens on {@code grpc://} (the runtime's {@code AuthenticationTests} run the same case on its own
 * transports): the token travels as gRPC metadata, the admitted caller is served, the others get
 * {@code UNAUTHENTICATED} flagged as not run, and the handler never runs for them.
 */
class GrpcAuthenticationTests {

	private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

	private @Nullable ServiceStub stub;

	private int handled;

	@AfterEach
	void close() {
		if (this.stub != null) {
			this.stub.stop();
		}
	}

	@Test
	void bearerTokenAdmitsOnlyTheRightToken() {
		ServiceStub server = new ServiceStub(StubConfig.custom("Secure").endpoint("grpc://127.0.0.1:0").build());
		this.stub = server;
		server.registerMethod("echo", (request) -> {
			this.handled++;
			return request;
		});
		server.setAuthenticationHandler(BearerTokens.accepting(List.of("s3cret", "next-s3cret")));
		server.start();
		String endpoint = server.getBoundEndpoints().get(0);

		assertThat(call(endpoint, "s3cret").isSuccess()).isTrue();
		assertThat(call(endpoint, "next-s3cret").isSuccess()).isTrue();
		assertRefused(call(endpoint, "s3cre"));
		assertRefused(call(endpoint, "s3cret-and-more"));
		assertRefused(call(endpoint, null));
		assertThat(this.handled).isEqualTo(2);
	}

	private static CallResult call(String endpoint, @Nullable String token) {
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
