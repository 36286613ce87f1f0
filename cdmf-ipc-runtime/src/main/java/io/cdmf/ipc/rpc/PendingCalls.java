package io.cdmf.ipc.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of a proxy that wait for their response, by message id: each is completed exactly once, by its
 * response, its deadline or the loss of the connection, whichever comes first.
 */
final class PendingCalls {

	private static final Logger logger = LoggerFactory.getLogger(ServiceProxy.class);

	private final Map<MessageId, PendingCall> calls = new ConcurrentHashMap<>();

	private final String destination;

	private final RateLimitedLog unmatchedLog = new RateLimitedLog(logger, 5_000);

	PendingCalls(String destination) {
		this.destination = destination;
	}

	void add(PendingCall call) {
		this.calls.put(call.id, call);
	}

	/**
	 * Completes a call with a result unless something else completed it first.
	 * @param call the call
	 * @param result the result
	 * @return the call's result, whoever completed it
	 */
	CallResult complete(PendingCall call, CallResult result) {
		if (this.calls.remove(call.id, call)) {
			call.complete(result);
		}
		return call.join();
	}

	CallResult expire(PendingCall call) {
		return complete(call, CallResult.failure(ErrorCode.TIMEOUT,
				"no response to " + call.method + " from " + this.destination + " within its timeout"));
	}

	void expireDue(long nowNanos) {
		for (PendingCall call : this.calls.values()) {
			if (nowNanos - call.deadlineNanos >= 0) {
				expire(call);
			}
		}
	}

	void failAll(ErrorCode code, String message) {
		for (PendingCall call : this.calls.values()) {
			if (this.calls.remove(call.id, call)) {
				call.complete(CallResult.failure(ErrorInfo.of(code, message, call.method)));
			}
		}
	}

	/**
	 * Completes the call a response answers.
	 * @param message a message from the server
	 */
	void answer(Message message) {
		MessageType type = message.getType();
		if (type != MessageType.RESPONSE && type != MessageType.ERROR && type != MessageType.HEARTBEAT) {
			this.unmatchedLog.warn("Proxy for {} ignored a {} message: a server sends only responses",
					this.destination, type);
			return;
		}
		MessageId correlation = message.getHeader().getCorrelationId();
		PendingCall call = correlation.isNone() ? null : this.calls.remove(correlation);
		ErrorInfo error = message.getErrorInfo();
		if (call == null) {
			if (error != null && correlation.isNone()) {
				this.unmatchedLog.warn("Server {} reported an error not tied to a call: {}", this.destination, error);
			}
			else {
				logger.debug("Response {} from {} matches no waiting call (late or duplicate)", correlation,
						this.destination);
			}
			return;
		}
		if (type == MessageType.ERROR || error != null) {
			call.complete(CallResult.failure((error != null) ? error
					: ErrorInfo.of(ErrorCode.UNKNOWN, "error response without details", call.method)));
		}
		else {
			call.complete(CallResult.success(message.getPayload(), message.getHeader().getFormat()));
		}
	}

	boolean isEmpty() {
		return this.calls.isEmpty();
	}

	int size() {
		return this.calls.size();
	}

}
