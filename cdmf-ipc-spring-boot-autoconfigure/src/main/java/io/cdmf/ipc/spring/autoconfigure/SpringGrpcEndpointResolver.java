package io.cdmf.ipc.spring.autoconfigure;

import java.util.List;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportType;
import io.cdmf.ipc.transport.grpc.GrpcTransport;

/**
 * Decorates the application's {@link IpcEndpointResolver} so that every {@code grpc://} endpoint a service listens on
 * is served on the Spring gRPC server: it gains option {@value GrpcTransport#OPTION_SERVER} naming the
 * {@link io.cdmf.ipc.transport.grpc.GrpcServiceHost}, and, unless it names services already, option
 * {@value GrpcTransport#OPTION_SERVICE} with the service's name, by which clients and standard gRPC callers reach it
 * on the shared server. Other endpoints and client endpoints are left as they are.
 */
final class SpringGrpcEndpointResolver implements IpcEndpointResolver {

	private final IpcEndpointResolver delegate;

	private final String hostName;

	SpringGrpcEndpointResolver(IpcEndpointResolver delegate, String hostName) {
		this.delegate = delegate;
		this.hostName = hostName;
	}

	@Override
	public List<String> serviceEndpoints(String service, List<String> configured) {
		return this.delegate.serviceEndpoints(service, configured)
			.stream()
			.map(endpoint -> hosted(service, endpoint))
			.toList();
	}

	@Override
	public List<String> clientEndpoints(String service, List<String> configured) {
		return this.delegate.clientEndpoints(service, configured);
	}

	private String hosted(String service, String endpoint) {
		EndpointUri uri;
		try {
			uri = EndpointUri.parse(endpoint);
		}
		catch (RuntimeException ex) {
			// Left for the service's configuration to report, with the property to fix.
			return endpoint;
		}
		if (uri.type() != TransportType.GRPC || uri.options().containsKey(GrpcTransport.OPTION_SERVER)) {
			return endpoint;
		}
		StringBuilder hosted = new StringBuilder(endpoint).append(endpoint.contains("?") ? '&' : '?')
			.append(GrpcTransport.OPTION_SERVER)
			.append('=')
			.append(this.hostName);
		if (!uri.options().containsKey(GrpcTransport.OPTION_SERVICE)) {
			hosted.append('&').append(GrpcTransport.OPTION_SERVICE).append('=').append(service);
		}
		return hosted.toString();
	}

}
