package io.cdmf.ipc.rpc;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.transport.TransportType;

/**
 * Observes finished calls, on the calling side ({@link ServiceProxy#setCallListener}) or the serving side
 * ({@link ServiceStub#setCallListener}): the seam that metrics and tracing attach to.
 * <p>
 * It is called on the thread that finished the call (a caller, a handler or an I/O thread), once per call: a proxy
 * reports each call after its last attempt, and each one-way send; a stub reports each request it answered or
 * rejected. Implementations must be fast, must not block and must not throw. With no listener set the call path
 * pays a single field read.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CallListener {

	/**
	 * Reports a finished call.
	 * @param service the service's name
	 * @param method the remote method's name; on the serving side, a method the service does not have is reported
	 * as {@link #UNKNOWN_METHOD} so that callers cannot create unbounded names
	 * @param transport the transport the call went over
	 * @param outcome {@link ErrorCode#OK} or why it failed
	 * @param durationNanos time from the call (or the request's arrival) to its outcome, in nanoseconds
	 */
	void onCall(String service, String method, TransportType transport, ErrorCode outcome, long durationNanos);

	/** The method name reported for requests of a method the service does not have. */
	String UNKNOWN_METHOD = "UNKNOWN";

}
