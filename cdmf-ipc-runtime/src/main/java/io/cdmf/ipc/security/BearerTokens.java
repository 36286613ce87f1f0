package io.cdmf.ipc.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.rpc.AuthenticationHandler;
import io.cdmf.ipc.rpc.ClientCall;
import io.cdmf.ipc.rpc.ClientInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens in the {@value #HEADER} header ({@code Bearer <token>}, as HTTP and gRPC carry them, so a standard
 * gRPC client sends one as metadata): a client interceptor that adds the token to every call, and a server check that
 * admits only calls with an accepted token (others get {@code UNAUTHENTICATED}, flagged as not run).
 *
 * <pre>{@code
 * ChannelConfig.custom("Quotes").interceptor(BearerTokens.clientInterceptor(() -> vault.token("quotes")));
 * stub.setAuthenticationHandler(BearerTokens.accepting(List.of(System.getenv("QUOTES_TOKEN"))));
 * }</pre>
 *
 * A token is a shared secret: over {@code tcp://} and {@code grpc://} without TLS anyone on the path can read it, so
 * use TLS there ({@code docs/security.md}).
 *
 * @since 0.1.0
 */
public final class BearerTokens {

	/** The header that carries the token. */
	public static final String HEADER = "authorization";

	/** What precedes the token in the header value. */
	public static final String PREFIX = "Bearer ";

	private BearerTokens() {
	}

	/**
	 * Returns a client interceptor that sets the token of every call, asked for anew each call (so a rotated token
	 * is used at once).
	 * @param token supplies the token; it must not return {@code null} or a blank token
	 * @return the interceptor
	 */
	public static ClientInterceptor clientInterceptor(Supplier<String> token) {
		Objects.requireNonNull(token, "token must not be null");
		return new ClientInterceptor() {

			@Override
			public void beforeCall(ClientCall call) {
				String value = token.get();
				if (value == null || value.isBlank()) {
					throw new IpcException(ErrorCode.UNAUTHENTICATED, "the bearer token supplier for "
							+ call.service() + " returned no token; the call is not sent");
				}
				call.requestMetadata().setHeader(HEADER, PREFIX + value.trim());
			}

		};
	}

	/**
	 * Returns a server check that admits calls carrying one of the given tokens. Tokens are compared in constant
	 * time.
	 * @param accepted the accepted tokens, at least one, none blank
	 * @return the check, for {@link io.cdmf.ipc.rpc.ServiceStub#setAuthenticationHandler}
	 */
	public static AuthenticationHandler accepting(Collection<String> accepted) {
		Objects.requireNonNull(accepted, "accepted must not be null");
		List<byte[]> tokens = new ArrayList<>();
		for (String token : accepted) {
			if (token == null || token.isBlank()) {
				throw new IllegalArgumentException("accepted bearer tokens must not be blank");
			}
			tokens.add(token.trim().getBytes(StandardCharsets.UTF_8));
		}
		if (tokens.isEmpty()) {
			throw new IllegalArgumentException("at least one bearer token must be accepted");
		}
		return verifying(candidate -> {
			byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
			boolean match = false;
			for (byte[] token : tokens) {
				// No early exit: the time taken does not tell which token, or how much of one, matched.
				match |= MessageDigest.isEqual(token, given);
			}
			return match;
		});
	}

	/**
	 * Returns a server check that admits calls whose token the verifier accepts, for example one that checks a
	 * signed token's signature and expiry.
	 * @param verifier decides on a token (without its {@code Bearer } prefix); runs on the I/O thread, keep it short
	 * @return the check
	 */
	public static AuthenticationHandler verifying(Predicate<String> verifier) {
		Objects.requireNonNull(verifier, "verifier must not be null");
		return (request, peer) -> {
			String token = token(request);
			return token != null && verifier.test(token);
		};
	}

	/**
	 * Returns the bearer token a request carries.
	 * @param request the request
	 * @return the token, or {@code null} if it carries none
	 */
	public static @Nullable String token(Message request) {
		String value = request.getMetadata().getHeader(HEADER);
		if (value == null || !value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		String token = value.substring(PREFIX.length()).trim();
		return token.isEmpty() ? null : token;
	}

}
