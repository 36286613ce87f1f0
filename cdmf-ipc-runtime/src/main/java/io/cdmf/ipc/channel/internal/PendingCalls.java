package io.cdmf.ipc.channel.internal;


import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
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

	private final PendingTable calls = new PendingTable();

	private final String destination;

	private final RateLimitedLog unmatchedLog = new RateLimitedLog(logger, 5_000);

	PendingCalls(String destination) {
		this.destination = destination;
	}

	void add(PendingCall call) {
		this.calls.add(call);
	}

	/**
	 * Completes a call with a result unless something else completed it first.
	 * @param call the call
	 * @param result the result
	 * @return the call's result, whoever completed it
	 */
	CallResult complete(PendingCall call, CallResult result) {
		if (this.calls.remove(call)) {
			call.finish(result);
		}
		return call.join();
	}

	CallResult expire(PendingCall call) {
		return complete(call, CallResult.failure(ErrorInfo.of(ErrorCode.TIMEOUT,
				"no response to " + call.method + " from " + this.destination + " within its timeout", call.method)));
	}

	void expireDue(long nowNanos) {
		for (PendingCall call : this.calls.select(call -> nowNanos - call.deadlineNanos >= 0)) {
			expire(call);
		}
	}

	void failAll(ErrorCode code, String message) {
		for (PendingCall call : this.calls.select(call -> true)) {
			if (this.calls.remove(call)) {
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
			// The common case of one caller, whose call is answered by now: no scan of the buckets per call. A call
			// added after this check finds the lease free itself, as when the scan below finds no waiter.
			return null;
		}
		return this.calls.find(call -> call != except && call.isWaiting() && !call.isDone());
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
		MessageHeader header = message.getHeader();
		long high = header.getCorrelationIdHigh();
		long low = header.getCorrelationIdLow();
		boolean uncorrelated = high == 0 && low == 0;
		PendingCall call = uncorrelated ? null : this.calls.remove(high, low);
		ErrorInfo error = message.getErrorInfo();
		if (call == null) {
			if (error != null && uncorrelated) {
				this.unmatchedLog.warn("Server {} reported an error not tied to a call: {}", this.destination, error);
			}
			else {
				logger.debug("Response {} from {} matches no waiting call (late or duplicate)",
						header.getCorrelationId(), this.destination);
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
			// A transient message's payload is a view its transport reuses once this returns: the result gets a copy.
			SerializationFormat format = message.getHeader().getFormat();
			call.finish(message.isPayloadTransient() ? CallResult.success(message.getPayloadBytes(), format)
					: CallResult.success(message.getPayload(), format));
		}
	}

	boolean isEmpty() {
		return this.calls.isEmpty();
	}

	int size() {
		return this.calls.size();
	}

}
