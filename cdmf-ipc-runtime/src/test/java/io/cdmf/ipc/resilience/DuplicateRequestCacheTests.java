package io.cdmf.ipc.resilience;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageOrigin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateRequestCacheTests {

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	record Sent(MessageOrigin origin, Message reply) {
	}

	private DuplicateRequestCache cache(Duration window, int capacity) {
		return new DuplicateRequestCache(window, capacity, (origin, reply) -> this.sent.add(new Sent(origin, reply)));
	}

	private static Message request(String origin) {
		Message request = Message.request("m", ByteBuffer.allocate(0));
		request.setOrigin(() -> origin);
		return request;
	}

	@Test
	void shouldAnswerARepeatOfAFinishedRequestFromTheCache() {
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), 100);
		Message request = request("first");
		assertThat(cache.begin(request)).isEqualTo(DuplicateRequestCache.Outcome.NEW);
		Message response = request.createResponse().setPayload(new byte[] { 42 });
		cache.complete(request.getMessageId(), response);
		Message repeat = request.copy().setOrigin(() -> "second");
		assertThat(cache.begin(repeat)).isEqualTo(DuplicateRequestCache.Outcome.ANSWERED);
		assertThat(this.sent).hasSize(1);
		assertThat(this.sent.get(0).origin().describe()).isEqualTo("second");
		assertThat(this.sent.get(0).reply().getMessageId()).isEqualTo(response.getMessageId());
		assertThat(this.sent.get(0).reply().getPayloadBytes()).containsExactly(42);
	}

	@Test
	void shouldAnswerRepeatsThatArriveWhileTheRequestRunsWhenItCompletes() {
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), 100);
		Message request = request("first");
		cache.begin(request);
		assertThat(cache.begin(request.copy().setOrigin(() -> "retry-1"))).isEqualTo(DuplicateRequestCache.Outcome.WAITING);
		assertThat(cache.begin(request.copy().setOrigin(() -> "retry-2"))).isEqualTo(DuplicateRequestCache.Outcome.WAITING);
		assertThat(this.sent).isEmpty();
		cache.complete(request.getMessageId(), request.createResponse());
		assertThat(this.sent).extracting(s -> s.origin().describe()).containsExactly("retry-1", "retry-2");
	}

	@Test
	void whenAbandonedThenWaitersGetTheRejectionAndALaterRepeatRuns() {
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), 100);
		Message request = request("first");
		cache.begin(request);
		cache.begin(request.copy().setOrigin(() -> "retry"));
		cache.abandon(request.getMessageId(), request.createErrorResponse(
				io.cdmf.ipc.message.ErrorInfo.of(io.cdmf.ipc.ErrorCode.RESOURCE_EXHAUSTED, "busy")));
		assertThat(this.sent).hasSize(1);
		assertThat(cache.begin(request.copy())).isEqualTo(DuplicateRequestCache.Outcome.NEW);
	}

	@Test
	void shouldForgetFinishedEntriesBeyondCapacityButNeverRunningOnes() {
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), 2);
		Message running = request("running");
		cache.begin(running);
		for (int i = 0; i < 5; i++) {
			Message done = request("done-" + i);
			cache.begin(done);
			cache.complete(done.getMessageId(), done.createResponse());
		}
		assertThat(cache.begin(running.copy())).as("a running request is kept").isEqualTo(DuplicateRequestCache.Outcome.WAITING);
		cache.complete(running.getMessageId(), running.createResponse());
		Message last = request("last");
		cache.begin(last);
		cache.complete(last.getMessageId(), last.createResponse());
		assertThat(cache.size()).isLessThanOrEqualTo(4);
	}

	@Test
	void oneSlowRequestDoesNotHoldTheCacheOverItsCapacity() {
		int capacity = 100;
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), capacity);
		Message slow = request("slow");
		cache.begin(slow);
		int maxSize = 0;
		for (int i = 0; i < 100_000; i++) {
			Message done = request("done");
			assertThat(cache.begin(done)).isEqualTo(DuplicateRequestCache.Outcome.NEW);
			cache.complete(done.getMessageId(), done.createResponse());
			maxSize = Math.max(maxSize, cache.size());
		}
		assertThat(maxSize).as("largest size while the slow request ran").isLessThanOrEqualTo(capacity);
		assertThat(cache.begin(slow.copy())).as("the running request is still remembered")
			.isEqualTo(DuplicateRequestCache.Outcome.WAITING);
		cache.complete(slow.getMessageId(), slow.createResponse());
		assertThat(cache.begin(slow.copy())).isEqualTo(DuplicateRequestCache.Outcome.ANSWERED);
	}

	@Test
	void runningRequestsBeyondCapacityAreAllKept() {
		DuplicateRequestCache cache = cache(Duration.ofMinutes(1), 3);
		List<Message> running = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Message request = request("running-" + i);
			cache.begin(request);
			running.add(request);
		}
		assertThat(cache.size()).isEqualTo(10);
		for (Message request : running) {
			assertThat(cache.begin(request.copy())).isEqualTo(DuplicateRequestCache.Outcome.WAITING);
		}
		running.forEach(request -> cache.complete(request.getMessageId(), request.createResponse()));
		Message next = request("next");
		cache.begin(next);
		assertThat(cache.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void shouldForgetEntriesOlderThanTheWindow() {
		DuplicateRequestCache cache = cache(Duration.ofNanos(1), 100);
		Message old = request("old");
		cache.begin(old);
		cache.complete(old.getMessageId(), old.createResponse());
		long deadline = System.nanoTime() + 1_000_000;
		while (System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		cache.begin(request("new"));
		assertThat(cache.begin(old.copy())).isEqualTo(DuplicateRequestCache.Outcome.NEW);
	}

}
