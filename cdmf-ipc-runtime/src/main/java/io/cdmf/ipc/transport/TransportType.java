package io.cdmf.ipc.transport;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of transport, each with the URI scheme that selects it.
 *
 * @since 0.1.0
 */
public enum TransportType {

	/** Unix domain socket, stream ({@code SOCK_STREAM}): {@code unix:///path/to/socket}. */
	UNIX_SOCKET("unix", Addressing.PATH, true),
	/** Unix domain socket, datagrams ({@code SOCK_DGRAM}): {@code unix+dgram:///path/to/socket}. */
	UNIX_DATAGRAM("unix+dgram", Addressing.PATH, true),
	/** Shared-memory ring buffers: {@code shm://name}. */
	SHARED_MEMORY("shm", Addressing.NAME, true),
	/** Durable shared-memory journal on Chronicle Queue: {@code shm+journal://name}. */
	SHARED_MEMORY_JOURNAL("shm+journal", Addressing.NAME, true),
	/** gRPC over plaintext HTTP/2: {@code grpc://host:port}. */
	GRPC("grpc", Addressing.HOST_PORT, false),
	/** gRPC over TLS: {@code grpcs://host:port}. */
	GRPC_TLS("grpcs", Addressing.HOST_PORT, false),
	/** TCP carrying the native frame: {@code tcp://host:port}. */
	TCP("tcp", Addressing.HOST_PORT, false),
	/** UDP datagrams carrying the native frame: {@code udp://host:port}. */
	UDP("udp", Addressing.HOST_PORT, false),
	/** Same JVM, no sockets, for tests: {@code inproc://name}. */
	IN_PROCESS("inproc", Addressing.NAME, true);

	private final String scheme;

	private final Addressing addressing;

	private final boolean local;

	TransportType(String scheme, Addressing addressing, boolean local) {
		this.scheme = scheme;
		this.addressing = addressing;
		this.local = local;
	}

	/**
	 * Returns the URI scheme that selects this transport.
	 * @return the scheme
	 */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * Returns how endpoints of this transport are addressed.
	 * @return the addressing
	 */
	public Addressing addressing() {
		return this.addressing;
	}

	/**
	 * Returns whether this transport only reaches the same host.
	 * @return whether it is host-local
	 */
	public boolean isLocal() {
		return this.local;
	}

	/**
	 * Returns the transport type for a scheme.
	 * @param scheme the scheme, in any case
	 * @return the type, or {@code null} if no transport uses the scheme
	 */
	public static @Nullable TransportType ofScheme(String scheme) {
		String lower = scheme.toLowerCase(Locale.ROOT);
		for (TransportType type : values()) {
			if (type.scheme.equals(lower)) {
				return type;
			}
		}
		return null;
	}

	/**
	 * How an endpoint names its peer.
	 */
	public enum Addressing {

		/** A file-system path: {@code scheme:///absolute/path}. */
		PATH,
		/** A name: {@code scheme://name}. */
		NAME,
		/** A host and port: {@code scheme://host:port}. */
		HOST_PORT

	}

}
