package io.cdmf.ipc.discovery.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between one ZooKeeper client and the server, that a test can cut (every connection dropped, new
 * ones closed at once) and heal: a network partition of that client alone, while the server goes on for the others.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final ServerSocket listener;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile boolean closed;

	TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.listener = new ServerSocket();
			this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Returns the connect string that goes through this proxy.
	 * @return {@code 127.0.0.1:<port>}
	 */
	String connectString() {
		return "127.0.0.1:" + this.listener.getLocalPort();
	}

	/** Drops every connection, and closes new ones at once, until {@link #heal()}. */
	void cut() {
		this.cut = true;
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	/** Forwards new connections again. */
	void heal() {
		this.cut = false;
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				return; // closed
			}
			if (this.cut) {
				closeQuietly(client);
				continue;
			}
			try {
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(server);
				pipe(client, server);
				pipe(server, client);
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// one side closed: close both below
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing a socket that failed: nothing left to do
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.listener.close();
		cut();
	}

}
