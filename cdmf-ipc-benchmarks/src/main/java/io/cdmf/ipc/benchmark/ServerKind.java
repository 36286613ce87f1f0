package io.cdmf.ipc.benchmark;

/**
 * What the forked server JVM serves: a raw echo loop or a {@link io.cdmf.ipc.rpc.ServiceStub}; the network kinds
 * ({@link NetworkServers}) listen on a loopback port instead of a socket file.
 *
 * @since 0.1.0
 */
public enum ServerKind {

	/** grpc-java Netty server with one byte-array echo method, grpc-java's defaults ({@link RawGrpc}). */
	RAW_GRPC("raw-grpc", false),

	/** {@code ServiceStub} on {@code grpc://127.0.0.1:0} with its default handler executor. */
	FRAMEWORK_GRPC("framework-grpc", true),

	/** Blocking JDK TCP {@code ServerSocketChannel} with {@code TCP_NODELAY}, one thread per connection. */
	RAW_TCP("raw-tcp", false),

	/** {@code ServiceStub} on {@code tcp://127.0.0.1:0} with {@code inlineHandlers(true)}. */
	FRAMEWORK_TCP_INLINE("framework-tcp-inline", true),

	/** {@code ServiceStub} on {@code tcp://127.0.0.1:0} with its default handler executor. */
	FRAMEWORK_TCP_EXECUTOR("framework-tcp-executor", true),

	/** Blocking JDK {@code ServerSocketChannel}, one thread per connection reading and echoing. */
	RAW_JDK("raw-jdk", false),

	/** Blocking jnr-unixsocket {@code UnixServerSocketChannel}, one thread per connection reading and echoing. */
	RAW_JNR("raw-jnr", false),

	/** {@code ServiceStub} with {@code inlineHandlers(true)}: the echo runs on the I/O thread. */
	FRAMEWORK_INLINE("framework-inline", true),

	/** {@code ServiceStub} with its default handler executor. */
	FRAMEWORK_EXECUTOR("framework-executor", true),

	/** {@code ServiceStub} with {@code inlineHandlers(true)} serving {@link Echo} exported through the binding. */
	TYPED_INLINE("typed-inline", true),

	/**
	 * {@link #FRAMEWORK_INLINE} listening on three Unix sockets at once (the socket file and two beside it,
	 * {@link FrameworkServer#sockets}): the server of a client channel over three endpoints.
	 */
	FRAMEWORK_THREE_ENDPOINTS("framework-three-endpoints", true),
	/** {@code ServiceStub} on {@code shm://} with {@code inlineHandlers(true)}: see {@link ShmServers}. */
	FRAMEWORK_SHM("framework-shm", true),

	/** {@link #FRAMEWORK_SHM} serving {@link Echo} exported through the binding: see {@link ShmServers}. */
	TYPED_SHM("typed-shm", true),

	/** {@code ServiceStub} consuming {@code shm+journal://}: see {@link ShmServers}. */
	FRAMEWORK_JOURNAL("framework-journal", true),

	/** Two Agrona {@code ManyToOneRingBuffer}s in a mapped file, one busy-spinning thread: {@link RawAgronaServer}. */
	RAW_AGRONA("raw-agrona", false),

	/** Two Chronicle queues, one busy-spinning tailer thread: {@link RawChronicleServer}. */
	RAW_CHRONICLE("raw-chronicle", false),

	/** Not a {@link BenchmarkServer}: a Spring Boot server application with the starter, see {@link AppCases}. */
	BOOT_APP("boot-app", false),

	/** Not a {@link BenchmarkServer}: a peer framework's server application, see {@link AppCases}. */
	PEER_APP("peer-app", false);

	private final String id;

	private final boolean framework;

	ServerKind(String id, boolean framework) {
		this.id = id;
		this.framework = framework;
	}

	/**
	 * Returns the name passed to the server JVM on its command line.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns whether the server runs the framework.
	 * @return whether it is a {@code ServiceStub}
	 */
	public boolean isFramework() {
		return this.framework;
	}

	/**
	 * Returns the kind with an id.
	 * @param id the id
	 * @return the kind
	 * @throws IllegalArgumentException if no kind has the id
	 */
	public static ServerKind of(String id) {
		for (ServerKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown server kind '" + id + "'");
	}

}
