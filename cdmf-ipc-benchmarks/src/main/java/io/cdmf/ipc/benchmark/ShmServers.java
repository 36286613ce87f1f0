package io.cdmf.ipc.benchmark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;

import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceRequest;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * The server JVM's side of the shared-memory cases: what {@link BenchmarkServer} starts for
 * {@link ServerKind#FRAMEWORK_SHM}, {@link ServerKind#TYPED_SHM}, {@link ServerKind#FRAMEWORK_JOURNAL},
 * {@link ServerKind#RAW_AGRONA} and {@link ServerKind#RAW_CHRONICLE}. Every one counts what it receives through a
 * {@link ReceiverProbe} on its receiving thread.
 *
 * @since 0.1.0
 */
final class ShmServers {

	/** The round-trip method: answers with the request's payload. */
	static final String ECHO = "echo";

	/** The one-way method: counts the message and reads the producer's stamp in its first 8 bytes. */
	static final String ONE_WAY = "oneway";

	private static final Set<ServerKind> KINDS = Set.of(ServerKind.FRAMEWORK_SHM, ServerKind.TYPED_SHM,
			ServerKind.FRAMEWORK_JOURNAL, ServerKind.RAW_AGRONA, ServerKind.RAW_CHRONICLE);

	private ShmServers() {
	}

	/**
	 * Returns whether a server kind is one of the shared-memory ones.
	 * @param kind the kind
	 * @return whether {@link #start} serves it
	 */
	static boolean serves(ServerKind kind) {
		return KINDS.contains(kind);
	}

	/**
	 * Starts a shared-memory server; it is ready to receive when this returns.
	 * @param kind the kind, see {@link #serves}
	 * @param socket the socket path the harness chose, which names the case's files
	 * @return what to close at exit
	 */
	static AutoCloseable start(ServerKind kind, Path socket) {
		ShmCaseFiles files = ShmCaseFiles.of(socket).create();
		ReceiverProbe probe = ReceiverProbe.create(files.probe());
		return switch (kind) {
			case FRAMEWORK_SHM -> stub(files.ringEndpoint(), probe);
			case TYPED_SHM -> typedStub(files.ringEndpoint(), probe);
			// The journal consumer always runs its handlers on its own thread; inline says so explicitly.
			case FRAMEWORK_JOURNAL -> stub(files.journalEndpoint("&consumer=" + ShmCaseFiles.NAME), probe);
			case RAW_AGRONA -> RawAgronaServer.start(files, probe);
			case RAW_CHRONICLE -> RawChronicleServer.start(files, probe);
			default -> throw new IllegalArgumentException("not a shared-memory server kind: " + kind);
		};
	}

	private static AutoCloseable stub(String endpoint, ReceiverProbe probe) {
		ServiceStub stub = inlineStub(endpoint);
		// Both handlers use the message's own payload buffer rather than request.payload(), which makes a read-only
		// duplicate per call: the figures are the framework's allocation, not the handler's. The echo returns the
		// request's view over the ring; it is encoded into the response ring before the handler's call returns.
		stub.registerHandler(ECHO, request -> {
			probe.received(0);
			return request.message().getPayload();
		});
		stub.registerHandler(ONE_WAY, request -> {
			probe.received(stamp(request));
			return null;
		});
		stub.start();
		return stub::stop;
	}

	private static AutoCloseable typedStub(String endpoint, ReceiverProbe probe) {
		ServiceStub stub = inlineStub(endpoint);
		// What an application's server does: the binding copies the request out of the ring into the byte[].
		IpcBinding.export((Echo) payload -> {
			probe.received(0);
			return payload;
		}, Echo.class, stub, SerializationFormat.BINARY);
		IpcBinding.export((ProtoEcho) payload -> {
			probe.received(0);
			return payload;
		}, ProtoEcho.class, stub, SerializationFormat.PROTOBUF);
		stub.start();
		return stub::stop;
	}

	private static ServiceStub inlineStub(String endpoint) {
		return new ServiceStub(StubConfig.custom(ShmCaseFiles.NAME)
			.endpoint(endpoint)
			.inlineHandlers(true)
			.maxConcurrentRequests(BenchmarkOptions.MAX_WINDOW)
			.build());
	}

	private static long stamp(ServiceRequest request) {
		ByteBuffer payload = request.message().getPayload();
		if (payload.remaining() < Long.BYTES) {
			return 0;
		}
		long raw = payload.getLong(payload.position());
		// The producer writes the stamp big-endian (a heap ByteBuffer's default); read it whatever the view's order.
		return (payload.order() == ByteOrder.BIG_ENDIAN) ? raw : Long.reverseBytes(raw);
	}

}
