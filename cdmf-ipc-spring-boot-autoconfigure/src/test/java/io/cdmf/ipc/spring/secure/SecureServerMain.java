package io.cdmf.ipc.spring.secure;

import java.util.List;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Serves {@link WhoAmI} in a JVM of its own, for {@link IpcSecurityCrossProcessTests}: over {@code grpcs://} with
 * mutual TLS required and {@code tcp://} TLS with client certificates optional, both from the SSL bundle
 * {@code server}, and over the Unix socket given as first argument; prints {@code READY} and the bound endpoints.
 */
public final class SecureServerMain {

	private SecureServerMain() {
	}

	public static void main(String[] args) {
		String unix = args[0];
		ConfigurableApplicationContext context = SpringApplication.run(SecureApplication.class,
				"--spring.main.web-application-type=none", "--cdmf.ipc.discovery.type=none",
				"--spring.ssl.bundle.pem.server.keystore.certificate=classpath:ssl/server.pem",
				"--spring.ssl.bundle.pem.server.keystore.private-key=classpath:ssl/server-key.pem",
				"--spring.ssl.bundle.pem.server.truststore.certificate=classpath:ssl/ca.pem",
				"--cdmf.ipc.server.ssl.bundle=server",
				"--cdmf.ipc.server.services.WhoAmI.endpoints=grpcs://127.0.0.1:0?client-auth=require,"
						+ "tcp://127.0.0.1:0?client-auth=optional," + unix,
				"--cdmf.ipc.client.services.WhoAmI.endpoint=" + unix);
		List<String> bound = context.getBean(IpcServerLifecycle.class)
			.getService("WhoAmI")
			.orElseThrow()
			.stub()
			.getBoundEndpoints();
		System.out.println("READY " + String.join(" ", bound));
	}

}
