package io.cdmf.ipc.spring.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * The call listeners added to a set of proxies or stubs. A proxy or stub gets a listener only once one is added, so
 * that an application without metrics pays nothing per call.
 */
public final class CallListeners implements CallListener {

	private final List<CallListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Adds a listener.
	 * @param listener the listener
	 * @param attach called with this composite the first time, to set it on everything created so far
	 */
	public void add(CallListener listener, Consumer<CallListener> attach) {
		boolean first;
		synchronized (this.listeners) {
			first = this.listeners.isEmpty();
			this.listeners.add(listener);
		}
		if (first) {
			attach.accept(this);
		}
	}

	/**
	 * Returns the listener to set on a new proxy or stub.
	 * @return this composite, or {@code null} while no listener was added
	 */
	public @Nullable CallListener current() {
		return this.listeners.isEmpty() ? null : this;
	}

	@Override
	public void onCall(String service, String method, TransportType transport, ErrorCode outcome,
			long durationNanos) {
		for (CallListener listener : this.listeners) {
			listener.onCall(service, method, transport, outcome, durationNanos);
		}
	}

}
