package io.cdmf.ipc.transport.tcp;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.PeerCredentials;
import org.jspecify.annotations.Nullable;

/**
 * One TLS connection of a {@link TlsTcpEngine}: a reader thread that (on the server side) completes the handshake
 * and then reads frames, and writes from any thread under a lock.
 * <p>
 * The read buffer grows only as bytes arrive, as in the plain-text engine, so a declared length alone never makes a
 * large allocation.
 *
 * @since 0.1.0
 */
final class TlsTcpConnection implements Connection, Runnable {

	private static final int INITIAL_BUFFER = 16 * 1024;

	private final TlsTcpEngine engine;

	private final SSLSocket socket;

	private final long id;

	private final boolean accepted;

	private final FrameDecoder decoder;

	private final FrameEncoder encoder;

	private final long sendTimeoutNanos;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread reader;

	private ByteBuffer writeBuffer = heap(INITIAL_BUFFER);

	private volatile long writeStartedNanos;

	private volatile boolean stalled;

	private volatile boolean handshaken;

	private volatile PeerCredentials credentials = PeerCredentials.UNKNOWN;

	private volatile String description;

	TlsTcpConnection(TlsTcpEngine engine, SSLSocket socket, long id, boolean accepted) {
		this.engine = engine;
		this.socket = socket;
		this.id = id;
		this.accepted = accepted;
		int maxFrameLength = engine.config().maxFrameLength();
		this.decoder = new FrameDecoder(maxFrameLength);
		this.encoder = new FrameEncoder(maxFrameLength);
		this.sendTimeoutNanos = engine.config().sendTimeout().toNanos();
		this.description = String.valueOf(socket.getRemoteSocketAddress());
		this.reader = new Thread(this, "cdmf-tls-" + id + "-" + this.description);
		this.reader.setDaemon(true);
	}

	void start() {
		this.reader.start();
	}

	@Override
	public long id() {
		return this.id;
	}

	/**
	 * Returns the peer's verified certificate chain, with its subject as {@link PeerCredentials#user()}, once the
	 * handshake is done; {@link PeerCredentials#UNKNOWN} for a peer without a certificate.
	 * @return the credentials
	 */
	@Override
	public PeerCredentials peerCredentials() {
		return this.credentials;
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get();
	}

	@Override
	public String toString() {
		return "TlsTcpConnection[" + this.id + ", " + this.description + "]";
	}

	// ---- reading, on the reader thread ----

	@Override
	public void run() {
		try {
			if (this.accepted) {
				handshake();
			}
			readLoop();
		}
		catch (SSLException ex) {
			if (this.accepted && !this.handshaken) {
				this.engine.handshakeFailed(this, ex);
			}
			close(ErrorCode.UNAUTHENTICATED, "TLS with " + this.description + " failed: " + ex.getMessage(), ex);
		}
		catch (EOFException ex) {
			close(ErrorCode.UNAVAILABLE, "connection closed by " + this.description, null);
		}
		catch (IOException ex) {
			close(ErrorCode.UNAVAILABLE, "connection to " + this.description + " failed: " + ex.getMessage(), ex);
		}
	}

	private void handshake() throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
				this.engine.config().connectTimeout().toMillis())));
		this.socket.startHandshake();
		this.socket.setSoTimeout(0);
		this.handshaken = true;
		try {
			List<X509Certificate> chain = x509(this.socket.getSession().getPeerCertificates());
			if (!chain.isEmpty()) {
				PeerCredentials verified = PeerCredentials.ofCertificates(chain);
				this.credentials = verified;
				this.description = this.description + " (" + verified.user() + ")";
			}
		}
		catch (SSLPeerUnverifiedException ex) {
			// No client certificate: allowed unless client-auth=require, which the handshake enforced.
		}
	}

	static List<X509Certificate> x509(Certificate[] chain) {
		List<X509Certificate> result = new ArrayList<>(chain.length);
		for (Certificate certificate : chain) {
			if (certificate instanceof X509Certificate x509) {
				result.add(x509);
			}
		}
		return result;
	}

	private void readLoop() throws IOException {
		InputStream in = new BufferedInputStream(this.socket.getInputStream(), INITIAL_BUFFER);
		ByteBuffer buffer = heap(INITIAL_BUFFER);
		while (!this.closed.get()) {
			if (!readFully(in, buffer, 0, FrameDescriptor.PREFIX_LENGTH, true)) {
				close(ErrorCode.UNAVAILABLE, "connection closed by " + this.description, null);
				return;
			}
			int length;
			try {
				length = this.decoder.frameLength(buffer, 0, FrameDescriptor.PREFIX_LENGTH);
			}
			catch (FrameException ex) {
				this.engine.frameRejected(this, ex, true);
				return;
			}
			int have = FrameDescriptor.PREFIX_LENGTH;
			while (have < length) {
				if (have == buffer.capacity()) {
					// Grow only as bytes arrive: a declared length alone never makes a large allocation.
					buffer = grow(buffer, Math.min(length, buffer.capacity() * 2), have);
				}
				int chunk = Math.min(length, buffer.capacity()) - have;
				readFully(in, buffer, have, chunk, false);
				have += chunk;
			}
			Message message;
			try {
				message = this.decoder.decode(buffer, 0, length, true);
			}
			catch (FrameException ex) {
				this.engine.frameRejected(this, ex, false);
				continue;
			}
			message.setOrigin(this);
			this.engine.transport().tlsReceived(message, length);
		}
	}

	private static boolean readFully(InputStream in, ByteBuffer buffer, int offset, int length, boolean atStart)
			throws IOException {
		int done = 0;
		while (done < length) {
			int count = in.read(buffer.array(), offset + done, length - done);
			if (count < 0) {
				if (atStart && done == 0) {
					return false;
				}
				throw new EOFException("connection closed in the middle of a frame");
			}
			done += count;
		}
		return true;
	}

	// ---- writing, from any thread ----

	@Override
	public void send(Message message) {
		int length = this.encoder.frameLength(message);
		try {
			if (!this.writeLock.tryLock(this.sendTimeoutNanos, TimeUnit.NANOSECONDS)) {
				this.engine.transport().tlsCounters().sendError();
				throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "connection to " + this.description
						+ " has been busy writing for the send timeout; the peer is not reading");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IpcException(ErrorCode.CANCELLED, "interrupted while waiting to send to " + this.description);
		}
		try {
			if (this.closed.get()) {
				this.engine.transport().tlsCounters().sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "connection to " + this.description + " is closed");
			}
			if (this.writeBuffer.capacity() < length) {
				this.writeBuffer = heap(Math.max(length, this.writeBuffer.capacity() * 2));
			}
			this.encoder.encode(message, this.writeBuffer, 0, length);
			this.writeStartedNanos = System.nanoTime() | 1;
			OutputStream out = this.socket.getOutputStream();
			out.write(this.writeBuffer.array(), 0, length);
			out.flush();
			this.engine.transport().tlsCounters().messageSent(length);
		}
		catch (IOException ex) {
			this.engine.transport().tlsCounters().sendError();
			ErrorCode code = this.stalled ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.UNAVAILABLE;
			String text = this.stalled ? "connection to " + this.description + " was closed: the peer read nothing "
					+ "for the send timeout" : "sending to " + this.description + " failed: " + ex.getMessage();
			close(code, text, ex);
			throw new IpcException(code, text, ex);
		}
		finally {
			this.writeStartedNanos = 0;
			this.writeLock.unlock();
		}
	}

	/**
	 * Closes this connection if a write has been blocked for longer than the send timeout; called by the watchdog.
	 * @param now the current {@link System#nanoTime()}
	 * @param limitNanos the send timeout
	 */
	void closeIfWriteStalled(long now, long limitNanos) {
		long started = this.writeStartedNanos;
		if (started != 0 && now - started > limitNanos) {
			this.stalled = true;
			try {
				// Without a linger time, closing an SSLSocket waits for the blocked writer's lock to send
				// close_notify; with linger 0 it gives up on that at once and resets the connection.
				this.socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				this.engine.transport().tlsReport(ErrorCode.INTERNAL, "cannot set SO_LINGER on " + this.description,
						this, false, ex);
			}
			close(ErrorCode.RESOURCE_EXHAUSTED, "connection to " + this.description
					+ " closed: a write was blocked for the send timeout, the peer is not reading", null);
		}
	}

	// ---- closing ----

	@Override
	public void close() {
		close(ErrorCode.UNAVAILABLE, "connection to " + this.description + " closed locally", null);
	}

	void close(ErrorCode code, String reason, @Nullable Throwable cause) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		TlsTcpEngine.closeQuietly(this.socket);
		this.engine.connectionClosed(this, code, reason, cause);
	}

	void join(long timeoutMillis) {
		if (Thread.currentThread() == this.reader) {
			return;
		}
		try {
			this.reader.join(timeoutMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ByteBuffer heap(int capacity) {
		return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static ByteBuffer grow(ByteBuffer buffer, int capacity, int used) {
		ByteBuffer larger = heap(capacity);
		System.arraycopy(buffer.array(), 0, larger.array(), 0, used);
		return larger;
	}

}
