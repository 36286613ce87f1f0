package io.cdmf.ipc.spring.secure;

import java.util.concurrent.CompletableFuture;

/**
 * A contract for the security tests: who the service sees, and methods that method security guards.
 */
public interface WhoAmI {

	String whoami();

	String secret();

	String authenticated();

	CompletableFuture<String> secretLater();

}
