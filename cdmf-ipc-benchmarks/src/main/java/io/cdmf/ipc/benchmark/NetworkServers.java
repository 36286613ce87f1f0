package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.rpc.ServiceRequest;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.EndpointUri;
import io.grpc.Server;

/**
 * The server side of the network cases, in the forked server JVM: each binds a free loopback port and writes it,
 * as decimal text, into the file the harness names for the case (where the Unix cases put their socket), before
 * the server prints {@value BenchmarkServer#READY}. The client reads the port from there.
 *
 * @since 0.1.0
 */
final class NetworkServers {

	/** The address every network case listens on and connects to. */
	static final String HOST = "127.0.0.1";

	private static final Set<ServerKind> KINDS = EnumSet.of(ServerKind.RAW_GRPC, ServerKind.FRAMEWORK_GRPC,
			ServerKind.RAW_TCP, ServerKind.FRAMEWORK_TCP_INLINE, ServerKind.FRAMEWORK_TCP_EXECUTOR);

	private NetworkServers() {
	}

	/**
	 * Returns whether a server kind listens on a port.
	 * @param kind the kind
	 * @return whether it is one of the network kinds
	 */
	static boolean serves(ServerKind kind) {
		return KINDS.contains(kind);
	}

	/**
	 * Starts a network server and writes its port into a file.
	 * @param kind a network kind
	 * @param portFile where the port goes
	 * @return what stops the server
	 * @throws IOException if the server cannot listen or the file cannot be written
	 */
	static Runnable start(ServerKind kind, Path portFile) throws IOException {
		Runnable stop;
		int port;
		switch (kind) {
			case RAW_GRPC -> {
				Server server = RawGrpc.start();
				port = server.getPort();
				stop = () -> stopGrpc(server);
			}
			case RAW_TCP -> {
				port = RawTcp.serve();
				stop = () -> {
				};
			}
			case FRAMEWORK_GRPC, FRAMEWORK_TCP_INLINE, FRAMEWORK_TCP_EXECUTOR -> {
				ServiceStub stub = stub(kind);
				port = EndpointUri.parse(stub.getBoundEndpoints().get(0)).port();
				stop = stub::stop;
			}
			default -> throw new IllegalArgumentException("not a network server kind: " + kind);
		}
		Files.writeString(portFile, Integer.toString(port), StandardCharsets.US_ASCII);
		return stop;
	}

	/**
	 * Reads the port a network server wrote.
	 * @param portFile the file
	 * @return the port
	 * @throws IOException if the file cannot be read or holds no port
	 */
	static int port(Path portFile) throws IOException {
		String text = Files.readString(portFile, StandardCharsets.US_ASCII).strip();
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IOException("no port in " + portFile + ": '" + text + "'", ex);
		}
	}

	/**
	 * Returns the endpoint URI the framework server of a kind listens on.
	 * @param kind a framework network kind
	 * @param port the port, 0 for any
	 * @return the URI
	 */
	static String endpoint(ServerKind kind, int port) {
		String scheme = (kind == ServerKind.FRAMEWORK_GRPC) ? "grpc" : "tcp";
		return scheme + "://" + HOST + ":" + port;
	}

	private static ServiceStub stub(ServerKind kind) {
		StubConfig config = FrameworkServer
			.dispatch(StubConfig.custom(FrameworkServer.SERVICE), kind == ServerKind.FRAMEWORK_TCP_INLINE)
			.endpoint(endpoint(kind, 0))
			.maxConcurrentRequests(FrameworkServer.MAX_CONCURRENT_REQUESTS)
			.build();
		ServiceStub stub = new ServiceStub(config);
		stub.registerHandler(FrameworkServer.METHOD, ServiceRequest::payload);
		stub.start();
		return stub;
	}

	private static void stopGrpc(Server server) {
		server.shutdownNow();
		try {
			server.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
