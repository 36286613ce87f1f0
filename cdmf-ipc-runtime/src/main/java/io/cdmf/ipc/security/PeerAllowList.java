package io.cdmf.ipc.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.rpc.AuthenticationHandler;
import io.cdmf.ipc.transport.PeerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits callers by their Unix user and group: on {@code unix://} as the kernel reports them for the other end of the
 * connection ({@code SO_PEERCRED}), on {@code shm://} the owner of the client's ring file, which only the client's user
 * could create in the endpoint's directory; a caller cannot forge either. A caller whose credentials the transport
 * cannot tell (the network transports, mutual TLS included: a certificate's subject is no Unix user) is refused,
 * unless {@link Builder#admitUnknownPeers()} says otherwise, for a service that also listens on a network endpoint
 * guarded by TLS or tokens.
 *
 * <pre>{@code
 * stub.setAuthenticationHandler(PeerAllowList.builder().currentUser().gid(1001).build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PeerAllowList implements AuthenticationHandler {

	private static final Logger logger = LoggerFactory.getLogger(PeerAllowList.class);

	private final Set<Long> uids;

	private final Set<Long> gids;

	private final Set<String> users;

	private final Set<String> groups;

	private final boolean admitUnknown;

	private PeerAllowList(Builder builder) {
		this.uids = Set.copyOf(builder.uids);
		this.gids = Set.copyOf(builder.gids);
		this.users = Set.copyOf(builder.users);
		this.groups = Set.copyOf(builder.groups);
		this.admitUnknown = builder.admitUnknown;
	}

	/**
	 * Starts an allow-list.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public boolean authenticate(Message request, PeerCredentials peer) {
		boolean numeric = peer.uid() >= 0 || peer.gid() >= 0;
		// Under mutual TLS the user is the certificate's subject, not a Unix name: such a peer is not a Unix user.
		boolean named = peer.certificates().isEmpty() && (!peer.user().isEmpty() || !peer.group().isEmpty());
		if (!numeric && !named) {
			return this.admitUnknown;
		}
		return this.uids.contains(peer.uid()) || this.gids.contains(peer.gid())
				|| (!peer.user().isEmpty() && this.users.contains(peer.user()))
				|| (!peer.group().isEmpty() && this.groups.contains(peer.group()));
	}

	@Override
	public String toString() {
		return "PeerAllowList[uids=" + this.uids + ", gids=" + this.gids + ", users=" + this.users + ", groups="
				+ this.groups + ", unknown peers "
				+ (this.admitUnknown ? "admitted" : "refused") + "]";
	}

	/**
	 * Builds a {@link PeerAllowList}.
	 */
	public static final class Builder {

		private final Set<Long> uids = new LinkedHashSet<>();

		private final Set<Long> gids = new LinkedHashSet<>();

		private final Set<String> users = new LinkedHashSet<>();

		private final Set<String> groups = new LinkedHashSet<>();

		private boolean admitUnknown;

		private Builder() {
		}

		/**
		 * Admits users.
		 * @param uids user ids
		 * @return this builder
		 */
		public Builder uid(long... uids) {
			for (long uid : uids) {
				this.uids.add(checkId(uid, "uid"));
			}
			return this;
		}

		/**
		 * Admits members of groups (by the peer's primary group, as {@code SO_PEERCRED} reports it).
		 * @param gids group ids
		 * @return this builder
		 */
		public Builder gid(long... gids) {
			for (long gid : gids) {
				this.gids.add(checkId(gid, "gid"));
			}
			return this;
		}

		/**
		 * Admits users by name (the JDK reports names on {@code unix://} even without the flag that numeric ids need,
		 * see {@code docs/transports.md}).
		 * @param names user names
		 * @return this builder
		 */
		public Builder user(String... names) {
			for (String name : names) {
				this.users.add(checkName(name, "user"));
			}
			return this;
		}

		/**
		 * Admits members of groups by name (the peer's primary group).
		 * @param names group names
		 * @return this builder
		 */
		public Builder group(String... names) {
			for (String name : names) {
				this.groups.add(checkName(name, "group"));
			}
			return this;
		}

		/**
		 * Admits the user this JVM runs as.
		 * @return this builder
		 * @throws IllegalStateException if this system has no POSIX file attributes to tell the user by
		 */
		public Builder currentUser() {
			return uid(currentUid());
		}

		/**
		 * Admits callers whose credentials the transport cannot tell (network and shared-memory transports); by
		 * default they are refused.
		 * @return this builder
		 */
		public Builder admitUnknownPeers() {
			this.admitUnknown = true;
			return this;
		}

		/**
		 * Builds the allow-list.
		 * @return the allow-list
		 * @throws IllegalArgumentException if it admits nobody
		 */
		public PeerAllowList build() {
			if (this.uids.isEmpty() && this.gids.isEmpty() && this.users.isEmpty() && this.groups.isEmpty()) {
				throw new IllegalArgumentException("a peer allow-list must name at least one user or group");
			}
			return new PeerAllowList(this);
		}

		private static long checkId(long id, String name) {
			if (id < 0) {
				throw new IllegalArgumentException(name + " must not be negative: " + id);
			}
			return id;
		}

		private static String checkName(String name, String what) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException(what + " names must not be blank");
			}
			return name.trim();
		}

		private static long currentUid() {
			// The JDK has no getuid(); a file this process just created is owned by its effective uid.
			Path probe = null;
			try {
				probe = Files.createTempFile("cdmf-uid", ".probe");
				Object uid = Files.getAttribute(probe, "unix:uid");
				return ((Number) Objects.requireNonNull(uid, "unix:uid")).longValue();
			}
			catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
				throw new IllegalStateException("cannot tell this process's user id (" + ex
						+ "); name the uid explicitly", ex);
			}
			finally {
				if (probe != null) {
					try {
						Files.deleteIfExists(probe);
					}
					catch (IOException ex) {
						logger.debug("Cannot delete {}: {}", probe, ex.toString());
					}
				}
			}
		}

	}

}
