package io.cdmf.ipc.spring.secure;

import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.spring.annotation.IpcService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Serves {@link WhoAmI}: answers with the name of the caller in the security context; {@code secret} only for
 * alice's certificate, {@code authenticated} for any authenticated caller.
 */
@IpcService(name = "WhoAmI", version = "1.0.0", endpoints = "unix:///tmp/cdmf-whoami-unused.sock")
public class WhoAmIService implements WhoAmI {

	@Override
	public String whoami() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "no authentication";
	}

	@Override
	@PreAuthorize("authentication.name == 'CN=alice,O=CDMF'")
	public String secret() {
		return "for alice";
	}

	@Override
	@PreAuthorize("isAuthenticated()")
	public String authenticated() {
		return "hello " + whoami();
	}

	@Override
	@PreAuthorize("authentication.name == 'CN=alice,O=CDMF'")
	public CompletableFuture<String> secretLater() {
		return CompletableFuture.completedFuture("later for alice");
	}

}
