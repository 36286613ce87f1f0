package io.cdmf.ipc.transport;

/**
 * A snapshot of a transport's counters since it was created.
 *
 * @param messagesSent messages written
 * @param messagesReceived messages decoded and delivered
 * @param bytesSent bytes written
 * @param bytesReceived bytes read
 * @param sendErrors sends that failed
 * @param framesRejected received frames that failed their checks
 * @param connectionsOpened connections accepted (server) or made (client)
 * @param connectionsClosed connections closed, by either side
 * @param activeConnections connections open now
 * @since 0.1.0
 */
public record TransportStats(long messagesSent, long messagesReceived, long bytesSent, long bytesReceived,
		long sendErrors, long framesRejected, long connectionsOpened, long connectionsClosed, long activeConnections) {

}
