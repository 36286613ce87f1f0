package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cdmf.ipc.rpc.ServiceStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main class of the forked server JVM: {@code BenchmarkServer <kind> <socket-file>}.
 * <p>
 * It listens, prints {@value #READY} on stdout (the only thing it prints there; logs go to stderr), and serves until
 * it is destroyed or its stdin reaches end-of-file, which happens when the benchmark JVM dies without destroying it:
 * no server outlives its benchmark.
 *
 * @since 0.1.0
 */
public final class BenchmarkServer {

	/** The line printed on stdout once the server accepts connections. */
	public static final String READY = "READY";

	private static final Logger logger = LoggerFactory.getLogger(BenchmarkServer.class);

	private BenchmarkServer() {
	}

	/**
	 * Runs a server.
	 * @param args the server kind id and the socket file
	 * @throws IOException if the server cannot listen
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("Usage: BenchmarkServer <server kind id, see ServerKind> <socket or port file>");
			System.exit(2);
		}
		ServerKind kind = ServerKind.of(args[0]);
		Path socket = Path.of(args[1]);
		if (NetworkServers.serves(kind)) {
			Runtime.getRuntime().addShutdownHook(new Thread(NetworkServers.start(kind, socket), "benchmark-server-stop"));
		}
		else if (ShmServers.serves(kind)) {
			AutoCloseable server = ShmServers.start(kind, socket);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server), "benchmark-server-stop"));
		}
		else if (kind.isFramework()) {
			ServiceStub stub = FrameworkServer.start(kind, socket);
			Runtime.getRuntime().addShutdownHook(new Thread(stub::stop, "benchmark-server-stop"));
		}
		else {
			RawSockets.serve(kind, socket);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(socket), "benchmark-server-stop"));
		}
		System.out.println(READY);
		System.out.flush();
		awaitEndOfInput(System.in);
		logger.debug("Benchmark JVM closed our stdin; {} server on {} exits", kind.id(), socket);
		System.exit(0);
	}

	private static void awaitEndOfInput(InputStream in) {
		byte[] buffer = new byte[64];
		try {
			while (in.read(buffer) >= 0) {
				// Nothing is sent on stdin; reading only detects that the benchmark JVM went away.
			}
		}
		catch (IOException ex) {
			logger.debug("stdin failed; exiting", ex);
		}
	}

	private static void closeQuietly(AutoCloseable server) {
		try {
			server.close();
		}
		catch (Exception ex) {
			logger.debug("Could not close the server", ex);
		}
	}

	private static void deleteQuietly(Path socket) {
		try {
			Files.deleteIfExists(socket);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", socket, ex);
		}
	}

}
