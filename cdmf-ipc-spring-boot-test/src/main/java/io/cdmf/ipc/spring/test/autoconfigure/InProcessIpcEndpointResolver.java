package io.cdmf.ipc.spring.test.autoconfigure;

import java.util.List;
import java.util.UUID;

import io.cdmf.ipc.spring.autoconfigure.IpcEndpointResolver;

/**
 * Maps service {@code S} to {@code inproc://S-<id>} for both its server and its clients, whatever they were
 * configured with. The id is random per instance (one per application context), so contexts in one JVM never
 * serve on each other's names.
 */
final class InProcessIpcEndpointResolver implements IpcEndpointResolver {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	@Override
	public List<String> serviceEndpoints(String service, List<String> configured) {
		return List.of(endpoint(service));
	}

	/**
	 * Returns the one in-process endpoint of the service, however many were configured: the slice serves each
	 * service once.
	 */
	@Override
	public List<String> clientEndpoints(String service, List<String> configured) {
		return List.of(endpoint(service));
	}

	String endpoint(String service) {
		return "inproc://" + service.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + this.id;
	}

}
