package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.rpc.ServerInterceptor;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.security.BearerTokens;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes a {@link ServiceStub}'s admission path: a real stub on {@code inproc://} (frames encoded and decoded, one
 * delivery thread), with a request validator, bearer-token authentication, an interceptor and three methods, receives
 * messages whose every field the fuzzer picks (type, flags, method name, headers, deadline, id, payload).
 * <p>
 * Invariants: a request that expects an answer gets exactly one, correlated to it (a deduplicated request whose
 * deadline passed may get none, by design), an error answer carries a code other than {@code OK}; nothing else is
 * answered; a handler runs only for a request that passed validation and authentication; an echo answer holds the
 * request's payload; and the stub keeps answering (each input ends with a heartbeat that must come back).
 *
 * @since 0.1.0
 */
class StubAdmissionFuzzer {

	private static final String TOKEN = "secret";

	private static final String[] METHODS = { "echo", "fail", "async", "", "missing" };

	private static final MessageType[] TYPES = { MessageType.REQUEST, MessageType.REQUEST, MessageType.REQUEST,
			MessageType.EVENT, MessageType.HEARTBEAT, MessageType.RESPONSE, MessageType.ERROR, MessageType.CONTROL };

	private static final MessageId[] IDS = { new MessageId(1, 1), new MessageId(1, 2), new MessageId(-1, -1) };

	private static @Nullable Server shared;

	@AfterAll
	static void stopServer() {
		if (shared != null) {
			shared.close();
		}
	}

	@FuzzTest(maxDuration = "4s")
	void answersEveryRequestOnceAndRunsOnlyAdmittedOnes(FuzzedDataProvider data) throws Exception {
		if (shared == null) {
			// Made on the first input, after Jazzer's agent is in (see ShmRingFuzzer).
			shared = new Server();
		}
		Server server = shared;
		Message request = request(data);
		server.ran = false;
		try {
			server.client.send(request);
		}
		catch (IpcException ex) {
			// The client's encoder refused a message that no frame can carry (a string too long, say).
			return;
		}
		Message heartbeat = Message.create(MessageType.HEARTBEAT);
		server.client.send(heartbeat);
		List<Message> replies = new ArrayList<>();
		while (true) {
			Message reply = server.replies.poll(10, TimeUnit.SECONDS);
			if (reply == null) {
				throw new AssertionError("the stub stopped answering after " + request);
			}
			if (reply.getHeader().getCorrelationId().equals(heartbeat.getMessageId())) {
				break;
			}
			replies.add(reply);
		}
		check(request, replies, server.ran);
	}

	private static void check(Message request, List<Message> replies, boolean ran) {
		MessageHeader header = request.getHeader();
		boolean oneWay = request.getType() == MessageType.EVENT || header.hasFlag(MessageHeader.FLAG_ONE_WAY);
		boolean expired = request.getMetadata().getExpirationMillis() != 0
				&& request.getMetadata().getExpirationMillis() <= System.currentTimeMillis();
		boolean answered = (request.getType() == MessageType.REQUEST && !oneWay)
				|| request.getType() == MessageType.HEARTBEAT;
		int allowedMissing = (answered && expired && header.hasFlag(MessageHeader.FLAG_DEDUPLICATE)) ? 1 : 0;
		int expected = answered ? 1 : 0;
		if (replies.size() > expected || replies.size() < expected - allowedMissing) {
			throw new AssertionError(replies.size() + " answers to " + request + ": " + replies);
		}
		for (Message reply : replies) {
			FuzzChecks.check("answer", "correlation id", request.getMessageId(), reply.getHeader().getCorrelationId());
			ErrorInfo error = reply.getErrorInfo();
			if (reply.getType() == MessageType.ERROR && (error == null || error.code() == ErrorCode.OK)) {
				throw new AssertionError("an error answer without an error code: " + reply);
			}
			// A deduplicated request is answered with the result of the first with its id, whatever its payload.
			if (reply.getType() == MessageType.RESPONSE && request.getMetadata().getSubject().equals("echo")
					&& !header.hasFlag(MessageHeader.FLAG_DEDUPLICATE)
					&& !ByteBuffer.wrap(reply.getPayloadBytes()).equals(ByteBuffer.wrap(request.getPayloadBytes()))) {
				throw new AssertionError("echo answered another payload: " + reply);
			}
		}
		if (ran && !admitted(request)) {
			throw new AssertionError("a handler ran for a request that validation or authentication refuses: "
					+ request);
		}
	}

	private static boolean admitted(Message request) {
		byte[] payload = request.getPayloadBytes();
		return (payload.length == 0 || payload[0] != 0x7F)
				&& ("Bearer " + TOKEN).equals(request.getMetadata().getHeader(BearerTokens.HEADER));
	}

	private static Message request(FuzzedDataProvider data) {
		Message message = Message.create(data.pickValue(TYPES));
		MessageHeader header = message.getHeader();
		if (data.consumeBoolean()) {
			header.setMessageId(data.pickValue(IDS));
		}
		header.setFlag(MessageHeader.FLAG_ONE_WAY, data.consumeBoolean());
		header.setFlag(MessageHeader.FLAG_DEDUPLICATE, data.consumeBoolean());
		header.setFlag(MessageHeader.FLAG_NOT_EXECUTED, data.consumeBoolean());
		message.getMetadata().setSubject(data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(20));
		switch (data.consumeInt(0, 3)) {
			case 0 -> message.getMetadata().setHeader(BearerTokens.HEADER, "Bearer " + TOKEN);
			case 1 -> message.getMetadata().setHeader(BearerTokens.HEADER, data.consumeString(30));
			case 2 -> message.getMetadata().setHeader("x-" + data.consumeString(10), data.consumeString(10));
			default -> {
				// No header.
			}
		}
		long now = System.currentTimeMillis();
		message.getMetadata().setExpirationMillis(switch (data.consumeInt(0, 3)) {
			case 0 -> 0;
			case 1 -> now - 1_000;
			case 2 -> now + 60_000;
			default -> Math.max(0, data.consumeLong());
		});
		message.getMetadata().setRetryCount(data.consumeInt(0, 0xFFFF)).setMaxRetries(data.consumeInt(0, 0xFFFF));
		message.setPayload(data.consumeRemainingAsBytes());
		return message;
	}

	/**
	 * The stub under test and a client connected to it.
	 */
	private static final class Server implements AutoCloseable {

		private final ServiceStub stub;

		private final Transport client;

		private final BlockingQueue<Message> replies = new LinkedBlockingQueue<>();

		private volatile boolean ran;

		Server() {
			String endpoint = "inproc://fuzz-stub-" + ThreadLocalRandom.current().nextInt(1 << 30);
			this.stub = new ServiceStub(StubConfig.custom("Fuzz")
				.endpoint(endpoint)
				.inlineHandlers(true)
				.maxConcurrentRequests(4)
				.requestTimeout(Duration.ofSeconds(5))
				.duplicateCacheSize(64)
				.interceptor(new ServerInterceptor() {

					@Override
					public void onRequest(ServerCall call) {
						// Reads what an interceptor reads; refuses nothing.
						call.request().getMetadata().getHeaders().size();
					}

				})
				.build());
			this.stub.setRequestValidator((request) -> request.getPayloadSize() == 0
					|| request.getPayload().get(request.getPayload().position()) != 0x7F);
			this.stub.setAuthenticationHandler(BearerTokens.accepting(Set.of(TOKEN)));
			this.stub.registerHandler("echo", (request) -> {
				this.ran = true;
				return request.payload();
			});
			this.stub.registerHandler("fail", (request) -> {
				this.ran = true;
				throw new IllegalStateException("fails on purpose");
			});
			this.stub.registerAsyncHandler("async", (request) -> {
				this.ran = true;
				return CompletableFuture.completedFuture(ByteBuffer.allocate(1));
			});
			this.stub.start();
			this.client = TransportFactory.create(endpoint);
			this.client.setMessageCallback(this.replies::add);
			this.client.connect();
		}

		@Override
		public void close() {
			this.client.stop();
			this.stub.close();
		}

	}

}
