package io.cdmf.ipc.transport;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base for transports: keeps the configuration, the callbacks, the {@link #receive} queue, the counters and the
 * life-cycle state, so that an implementation only moves bytes.
 *
 * @since 0.1.0
 */
public abstract class AbstractTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(AbstractTransport.class);

	/** The counters behind {@link #getStats()}. */
	protected final TransportCounters counters = new TransportCounters();

	private @Nullable TransportConfig config;

	private volatile @Nullable MessageCallback messageCallback;

	private volatile @Nullable ErrorCallback errorCallback;

	private @Nullable BlockingQueue<Message> receiveQueue;

	private volatile boolean closed;

	@Override
	public final synchronized void init(TransportConfig config) {
		if (this.config != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + config.endpoint() + " is already initialized");
		}
		doInit(config);
		this.receiveQueue = new ArrayBlockingQueue<>(config.receiveQueueCapacity());
		this.config = config;
	}

	/**
	 * Checks the configuration for this kind of transport.
	 * @param config the configuration
	 */
	protected abstract void doInit(TransportConfig config);

	@Override
	public TransportConfig getConfig() {
		TransportConfig result = this.config;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		return result;
	}

	@Override
	public void setMessageCallback(@Nullable MessageCallback callback) {
		this.messageCallback = callback;
	}

	/**
	 * Returns whether the message callback set now {@linkplain MessageCallback#acceptsTransient() accepts transient
	 * messages}, so that a client connection may decode into one reused message; read per message by the
	 * transport's connections, which live in its package, not in this one. A message decoded so and then queued,
	 * because the callback was removed meanwhile, is queued as a copy by {@link #deliver}.
	 * @return whether a callback is set and accepts transient messages
	 */
	public final boolean callbackAcceptsTransient() {
		MessageCallback callback = this.messageCallback;
		return callback != null && callback.acceptsTransient();
	}

	@Override
	public void setErrorCallback(@Nullable ErrorCallback callback) {
		this.errorCallback = callback;
	}

	@Override
	public @Nullable Message receive(Duration timeout) {
		if (this.messageCallback != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE,
					"receive() is not available while a message callback is set");
		}
		BlockingQueue<Message> queue = this.receiveQueue;
		if (queue == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		try {
			return timeout.isZero() ? queue.poll() : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public TransportStats getStats() {
		return this.counters.snapshot();
	}

	/**
	 * Hands a received message to the callback, or queues it for {@link #receive}. When the queue is full this waits
	 * for room (back-pressure on the sender), so nothing is dropped. A {@link Message#isPayloadTransient() transient}
	 * message is queued as a {@link Message#detached() copy} (the transport may reuse the message and its payload
	 * memory once this returns); a callback gets it as it is.
	 * @param message the message, with its origin set
	 */
	protected final void deliver(Message message) {
		MessageCallback callback = this.messageCallback;
		if (callback != null) {
			try {
				callback.onMessage(message);
			}
			catch (RuntimeException ex) {
				logger.error("Message callback of {} failed on message {}; the transport goes on serving",
						getConfig().endpoint(), message.getMessageId(), ex);
			}
			return;
		}
		// A queued message outlives this call: a transient one (reused by its transport) is replaced by its own copy.
		Message owned = message.detached();
		BlockingQueue<Message> queue = this.receiveQueue;
		try {
			while (queue != null && !this.closed && !queue.offer(owned, 100, TimeUnit.MILLISECONDS)) {
				// Waiting for a receive() call to make room.
				if (this.messageCallback != null) {
					deliver(message);
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while queueing message {} of {} for receive(); it was not delivered",
					message.getMessageId(), getConfig().endpoint());
		}
	}

	/**
	 * Reports a failure to the error callback, or logs it if none is set.
	 * @param error the failure
	 */
	protected final void reportError(TransportError error) {
		ErrorCallback callback = this.errorCallback;
		if (callback != null) {
			try {
				callback.onError(error);
			}
			catch (RuntimeException ex) {
				logger.error("Error callback of {} failed", getConfig().endpoint(), ex);
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Transport {}: {}", getConfig().endpoint(), error.error(), error.cause());
		}
	}

	/**
	 * Reports a failure built from its parts.
	 * @param code the error code
	 * @param message what failed
	 * @param connection the connection concerned, or {@code null}
	 * @param connectionClosed whether the connection was closed because of it
	 * @param cause the underlying exception, or {@code null}
	 */
	protected final void reportError(ErrorCode code, String message, @Nullable Connection connection,
			boolean connectionClosed, @Nullable Throwable cause) {
		reportError(new TransportError(ErrorInfo.of(code, message, getConfig().endpoint().uri()), connection,
				connectionClosed, cause));
	}

	/**
	 * Marks the transport closed, so that a blocked delivery gives up.
	 */
	protected final void markClosed() {
		this.closed = true;
	}

	/**
	 * Returns whether {@link #markClosed()} was called.
	 * @return whether the transport is closed
	 */
	protected final boolean isClosed() {
		return this.closed;
	}

}
