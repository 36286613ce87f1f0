package io.cdmf.ipc.spring.metrics;

/**
 * Names and tags of the CDMF IPC meters.
 *
 * @since 0.1.0
 */
public final class IpcMetricNames {

	/** Timer of calls made by clients, one per call after its last attempt (and per one-way send). */
	public static final String CLIENT_CALLS = "cdmf.ipc.client.calls";

	/** Gauge of calls clients are waiting on, per service. */
	public static final String CLIENT_CALLS_ACTIVE = "cdmf.ipc.client.calls.active";

	/** Timer of requests served, answered or rejected. */
	public static final String SERVER_CALLS = "cdmf.ipc.server.calls";

	/** Gauge of requests running in a service. */
	public static final String SERVER_CALLS_ACTIVE = "cdmf.ipc.server.calls.active";

	/** Tag: the service's name. */
	public static final String TAG_SERVICE = "service";

	/** Tag: the remote method's name ({@code UNKNOWN} for methods a service does not have). */
	public static final String TAG_METHOD = "method";

	/** Tag: the transport's URI scheme, such as {@code unix}. */
	public static final String TAG_TRANSPORT = "transport";

	/** Tag: the outcome, {@code OK} or an error code such as {@code TIMEOUT}. */
	public static final String TAG_OUTCOME = "outcome";

	private IpcMetricNames() {
	}

}
