package io.cdmf.ipc.rpc;

import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.message.MessageId;

/**
 * A request waiting for its response: completed by the transport's I/O thread when the response arrives, or by the
 * proxy when the deadline passes or the connection is lost, whichever comes first.
 */
final class PendingCall extends CompletableFuture<CallResult> {

	final MessageId id;

	final String method;

	final long deadlineNanos;

	PendingCall(MessageId id, String method, long deadlineNanos) {
		this.id = id;
		this.method = method;
		this.deadlineNanos = deadlineNanos;
	}

}
