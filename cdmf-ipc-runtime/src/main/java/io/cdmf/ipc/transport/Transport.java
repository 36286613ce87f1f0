package io.cdmf.ipc.transport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * Moves {@link Message}s between processes. One contract for every kind of transport; the endpoint URI's scheme
 * selects the implementation (see {@link TransportFactory}).
 * <p>
 * A transport plays one of two roles. A <em>server</em> is {@link #start() started}: it listens on its endpoint and
 * serves many peers; every message it delivers carries its {@link Message#getOrigin() origin}, and
 * {@link #send(Message)} routes a reply back to the origin the reply carries (as set by
 * {@link Message#createResponse()}). A <em>client</em> is {@link #connect() connected} to one server and sends to
 * it.
 * <p>
 * Received messages go to the {@link #setMessageCallback message callback} if one is set, on the transport's I/O
 * thread (so callbacks must not block for long); otherwise they are queued for {@link #receive(Duration)}.
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface Transport extends AutoCloseable {

	/**
	 * Prepares the transport with its configuration: checks the endpoint and settings, allocates no shared
	 * resources yet. Called once, before {@link #start()} or {@link #connect()}.
	 * @param config the configuration
	 * @throws IpcException if the configuration cannot be used
	 */
	void init(TransportConfig config);

	/**
	 * Starts serving: binds the endpoint and accepts peers.
	 * @throws IpcException if the endpoint cannot be bound (in use by a live server, no permission)
	 */
	void start();

	/**
	 * Stops serving or disconnects, and releases every resource (threads, sockets, socket files). Idempotent.
	 */
	void stop();

	/**
	 * Connects to the server at the endpoint. Calling it again after the connection was lost reconnects.
	 * @throws IpcException with {@code UNAVAILABLE} if the server cannot be reached
	 */
	void connect();

	/**
	 * Closes the client connection; the transport may {@link #connect()} again.
	 */
	void disconnect();

	/**
	 * Returns whether a client is connected, or a server is listening.
	 * @return whether messages can be sent
	 */
	boolean isConnected();

	/**
	 * Sends a message: a client sends to its server; a server sends to the message's origin.
	 * @param message the message; it is encoded before this method returns and may be reused afterwards
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if it exceeds the frame limit (nothing is sent),
	 * {@code UNAVAILABLE} if not connected or the peer is gone, {@code RESOURCE_EXHAUSTED} if the outbound buffer
	 * stayed full for the send timeout
	 */
	void send(Message message);

	/**
	 * Waits for the next received message, when no message callback is set.
	 * @param timeout how long to wait; zero to poll without waiting
	 * @return the message, or {@code null} if none arrived in time
	 * @throws IpcException with {@code ILLEGAL_STATE} if a message callback is set
	 */
	@Nullable Message receive(Duration timeout);

	/**
	 * Sets the callback that receives every message, or {@code null} to queue them for {@link #receive}.
	 * @param callback the callback
	 */
	void setMessageCallback(@Nullable MessageCallback callback);

	/**
	 * Sets the callback that hears of failures: rejected frames, lost connections.
	 * @param callback the callback, or {@code null}
	 */
	void setErrorCallback(@Nullable ErrorCallback callback);

	/**
	 * Returns a snapshot of this transport's counters.
	 * @return the statistics
	 */
	TransportStats getStats();

	/**
	 * Returns the configuration.
	 * @return the configuration
	 * @throws IllegalStateException before {@link #init}
	 */
	TransportConfig getConfig();

	/**
	 * Returns the endpoint actually bound or connected, which may differ from the configured one (port 0 becomes
	 * the bound port).
	 * @return the endpoint URI text
	 */
	default String getBoundEndpoint() {
		return getConfig().endpoint().uri();
	}

	/**
	 * Lends reading of a client connection to the calling thread while it waits for a response: the caller reads and
	 * delivers messages itself (to the message callback, on its own thread) instead of being woken by the
	 * transport's reader, which saves a thread wake-up per call. Take the lease before sending the request, so the
	 * transport knows a caller will read.
	 * @return a lease to {@link ReceiveLease#receiveUntil receive} with, or {@code null} if the transport cannot
	 * lend reading or another thread holds it (then wait as usual)
	 */
	default @Nullable ReceiveLease leaseReceive() {
		return null;
	}

	/**
	 * Returns whether this transport can lend reading to a caller ({@link #leaseReceive()} returns a lease when nobody
	 * else reads), so that a caller that gets {@code null} knows another caller is reading.
	 * @return {@code false} by default
	 */
	default boolean canLeaseReceive() {
		return false;
	}

	/**
	 * Returns whether a client gains from several connections to one server when many callers wait at once. A stream
	 * socket says no: one connection carries any number of calls, and its server batches their replies into one
	 * write, which several connections would split. A shared-memory ring says yes: each connection is a response ring
	 * that one caller reads at a time.
	 * @return {@code false} by default
	 */
	default boolean poolsConnections() {
		return false;
	}

	/**
	 * Returns whether a client of this transport gets replies: requests expecting a response and heartbeats are
	 * answered. A one-way stream (a durable journal) says no, and its clients send no heartbeats.
	 * @return {@code true} by default
	 */
	default boolean isRequestResponse() {
		return true;
	}

	/**
	 * Returns whether a synchronous caller should spin for its response (the proxy's {@code syncSpin}) before it
	 * parks: yes where a response usually comes back within that time, so that the caller is not woken from a park.
	 * Transports whose round trip is longer than any useful spin say no: the spin would always run out, and on a
	 * small machine the spinning caller takes the CPU that the transport's own threads need to bring the response.
	 * @return {@code true} by default
	 */
	default boolean isWorthSpinningFor() {
		return true;
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	default void close() {
		stop();
	}

	/**
	 * The right to read a client connection on the calling thread, from {@link #leaseReceive()}. Close it when done:
	 * until then no other thread reads the connection.
	 */
	interface ReceiveLease extends AutoCloseable {

		/**
		 * Reads and delivers messages on the calling thread until the condition holds, the deadline passes or the
		 * connection closes.
		 * @param condition checked after each read, typically "my response arrived"
		 * @param spinNanos how long to poll without blocking before waiting in the kernel (0: block at once); a
		 * response that comes back within it costs no thread wake-up. Transports that always poll ignore it
		 * @param deadlineNanos {@link System#nanoTime()} value at which to stop
		 */
		void receiveUntil(BooleanSupplier condition, long spinNanos, long deadlineNanos);

		/**
		 * Gives reading back to the transport.
		 */
		@Override
		void close();

		/**
		 * Gives reading back to the transport and says that another caller will take the lease at once, so that the
		 * transport need not wake a reader of its own for the replies still expected.
		 */
		default void closeForSuccessor() {
			close();
		}

	}

	/**
	 * Receives each message a transport delivers.
	 */
	@FunctionalInterface
	interface MessageCallback {

		/**
		 * Handles a received message. Runs on the transport's I/O thread: hand long work to another thread.
		 * @param message the message, with its origin set
		 */
		void onMessage(Message message);

		/**
		 * Says whether this callback is done with each message when {@link #onMessage} returns: it reads what it
		 * needs within the call and keeps a {@link Message#detached() copy} of anything it hands on. A client
		 * transport may then decode every message into one reused {@link Message#isPayloadTransient() transient}
		 * message, which allocates nothing per message; otherwise each message is the callback's own. Server
		 * transports say in their documentation when their messages are transient, whatever this returns.
		 * @return {@code false} unless overridden
		 */
		default boolean acceptsTransient() {
			return false;
		}

	}

	/**
	 * Hears of transport failures.
	 */
	@FunctionalInterface
	interface ErrorCallback {

		/**
		 * Handles a failure.
		 * @param error what failed
		 */
		void onError(TransportError error);

	}

}
