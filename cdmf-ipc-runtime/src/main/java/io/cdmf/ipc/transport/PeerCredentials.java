package io.cdmf.ipc.transport;

/**
 * Who is at the other end of a local connection, as the kernel reports it ({@code SO_PEERCRED} on Unix sockets).
 * Values a transport cannot tell are -1 (numbers) or empty (names).
 *
 * @param pid the peer's process id
 * @param uid the peer's user id
 * @param gid the peer's group id
 * @param user the peer's user name
 * @param group the peer's group name
 * @since 0.1.0
 */
public record PeerCredentials(long pid, long uid, long gid, String user, String group) {

	/** Credentials of a peer the transport cannot identify. */
	public static final PeerCredentials UNKNOWN = new PeerCredentials(-1, -1, -1, "", "");

	/**
	 * Returns whether the transport could tell anything about the peer.
	 * @return whether any field is known
	 */
	public boolean isKnown() {
		return this.pid >= 0 || this.uid >= 0 || this.gid >= 0 || !this.user.isEmpty();
	}

}
