package io.cdmf.ipc.channel.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.transport.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one connection that wait for their response, by message id: each is completed exactly once.
 */
final class PendingCalls {

	private static final Logger logger = LoggerFactory.getLogger(PendingCalls.class);

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
			call.finish(result);
		}
		return call.join();
	}

	CallResult expire(PendingCall call) {
		return complete(call, CallResult.failure(ErrorInfo.of(ErrorCode.TIMEOUT,
				"no response to " + call.method + " from " + this.destination + " within its timeout", call.method)));
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
				call.finish(CallResult.failure(ErrorInfo.of(code, message, call.method)));
			}
		}
	}

	/**
	 * Returns a call that a synchronous caller waits on and nothing completed yet, to hand reading over to.
	 * @param except a call to skip (the leaving reader's own)
	 * @return such a call, or {@code null}
	 */
	@Nullable PendingCall findWaiter(PendingCall except) {
		if (this.calls.isEmpty()) {
			// The common case of one caller, whose call is answered by now: no values iterator per call. A call added
			// after this check finds the lease free itself, as when the loop below finds no waiter.
			return null;
		}
		for (PendingCall call : this.calls.values()) {
			if (call != except && call.isWaiting() && !call.isDone()) {
				return call;
			}
		}
		return null;
	}

	/**
	 * Completes the call a message from the server answers.
	 * @param message the message
	 */
	void answer(Message message) {
		MessageType type = message.getType();
		if (type != MessageType.RESPONSE && type != MessageType.ERROR && type != MessageType.HEARTBEAT) {
			this.unmatchedLog.warn("Client of {} ignored a {} message: a server sends only responses", this.destination,
					type);
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
			ErrorInfo info = (error != null) ? error
					: ErrorInfo.of(ErrorCode.UNKNOWN, "error response without details", call.method);
			call.finish(message.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED) ? CallResult.notRun(info)
					: CallResult.failure(info));
		}
		else {
			call.finish(CallResult.success(message.getPayload(), message.getHeader().getFormat()));
		}
	}

	boolean isEmpty() {
		return this.calls.isEmpty();
	}

	int size() {
		return this.calls.size();
	}

}
