package io.cdmf.ipc.hardening.flood;

import java.util.HashMap;
import java.util.Map;

/**
 * The counters a {@link FloodServerMain} answers its {@code stats} method with: those of its transport
 * ({@link io.cdmf.ipc.transport.TransportStats}) and of its stub ({@link io.cdmf.ipc.rpc.StubStats}).
 *
 * @param framesRejected frames (or datagrams, or envelopes) the transport rejected
 * @param messagesReceived messages the transport decoded and delivered
 * @param connectionsOpened connections (datagram peers, gRPC streams) opened
 * @param connectionsClosed connections closed
 * @param activeConnections connections open now
 * @param requests requests the stub received
 * @param requestsRejected requests the stub refused before running them
 * @param heapCommitted heap bytes the server's JVM has committed
 * @param heapUsed heap bytes in use
 * @param directUsed bytes of direct buffers not yet collected
 */
record ServerStats(long framesRejected, long messagesReceived, long connectionsOpened, long connectionsClosed,
		long activeConnections, long requests, long requestsRejected, long heapCommitted, long heapUsed,
		long directUsed) {

	/**
	 * Parses the answer of the {@code stats} method.
	 * @param text {@code name=value} pairs separated by spaces
	 * @return the counters
	 */
	static ServerStats parse(String text) {
		Map<String, Long> values = new HashMap<>();
		for (String pair : text.trim().split(" ")) {
			int equals = pair.indexOf('=');
			values.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
		}
		return new ServerStats(values.get("framesRejected"), values.get("messagesReceived"),
				values.get("connectionsOpened"), values.get("connectionsClosed"), values.get("activeConnections"),
				values.get("requests"), values.get("requestsRejected"), values.get("heapCommitted"),
				values.get("heapUsed"), values.get("directUsed"));
	}

}
