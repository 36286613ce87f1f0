package io.cdmf.ipc.discovery.zookeeper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ZooKeeperDiscovery} knows of its connection and sessions: the last connection state Curator told it,
 * the sessions that were its own (to recognise, after an expiry, the nodes it left), and the session in which it is
 * ready, that is, connected and with its own instances registered again after the last reconnect. Watchers read only
 * in that session, so they never see a registry that lacks this process's own instances merely because they are
 * being registered again.
 */
final class SessionState {

	/** Sessions remembered as this registry's own. */
	private static final int REMEMBERED_SESSIONS = 32;

	private final CuratorFramework client;

	private final AtomicReference<@Nullable ConnectionState> state = new AtomicReference<>();

	private volatile long sinceNanos = System.nanoTime();

	/** Reconnects whose re-registration has not run yet. */
	private final AtomicInteger pendingRestores = new AtomicInteger();

	private volatile long readySession;

	private final Set<Long> ownSessions = Collections.synchronizedSet(Collections.newSetFromMap(
			new LinkedHashMap<>(16, 0.75f, false) {

				private static final long serialVersionUID = 1L;

				@Override
				protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
					return size() > REMEMBERED_SESSIONS;
				}

			}));

	SessionState(CuratorFramework client) {
		this.client = client;
	}

	/**
	 * Notes the first connection, made before the registry listened or told to it later.
	 */
	void connected() {
		this.state.compareAndSet(null, ConnectionState.CONNECTED);
		this.readySession = currentOrZero();
		own(this.readySession);
	}

	/**
	 * Notes a connection state Curator told (on Curator's one state thread).
	 * @param newState the state
	 * @return whether it is a reconnect, which starts a re-registration that must end with {@link #restored}
	 */
	boolean changed(ConnectionState newState) {
		ConnectionState previous = this.state.get();
		// The first connection has nothing to register again: the registry is built only once connected.
		boolean reconnect = newState.isConnected() && previous != null && !previous.isConnected();
		if (reconnect) {
			this.pendingRestores.incrementAndGet(); // before the state says connected, so nobody reads too early
		}
		this.state.set(newState);
		this.sinceNanos = System.nanoTime();
		return reconnect;
	}

	/**
	 * Ends a re-registration started by a reconnect.
	 * @param session the session it was made in, 0 if unknown
	 */
	void restored(long session) {
		if (session != 0 && session == currentOrZero()) {
			own(session);
			this.readySession = session;
		}
		this.pendingRestores.decrementAndGet();
	}

	boolean isConnected() {
		ConnectionState current = this.state.get();
		return current != null && current.isConnected();
	}

	/**
	 * Returns the session in which watchers may read now.
	 * @return the session, or 0 if they may not read now
	 */
	long readySession() {
		if (!isConnected() || this.pendingRestores.get() > 0) {
			return 0;
		}
		long current = currentOrZero();
		return (current != 0 && current == this.readySession) ? current : 0;
	}

	/**
	 * Returns the client's session now.
	 * @return the session id
	 * @throws Exception {@link KeeperException.ConnectionLossException} if it has none now
	 */
	long current() throws Exception {
		long session = this.client.getZookeeperClient().getZooKeeper().getSessionId();
		if (session == 0) {
			throw new KeeperException.ConnectionLossException();
		}
		return session;
	}

	long currentOrZero() {
		try {
			return this.client.getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			return 0;
		}
	}

	void own(long session) {
		if (session != 0) {
			this.ownSessions.add(session);
		}
	}

	boolean isOwn(long session) {
		return session != 0 && this.ownSessions.contains(session);
	}

	/**
	 * Describes the connection for messages, such as {@code connection SUSPENDED for 3 s}.
	 * @return the description
	 */
	String describe() {
		ConnectionState current = this.state.get();
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.sinceNanos);
		return (current == null) ? "never connected" : "connection " + current + " for " + seconds + " s";
	}

}
