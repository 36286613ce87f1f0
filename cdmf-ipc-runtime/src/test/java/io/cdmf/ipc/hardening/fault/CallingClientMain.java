package io.cdmf.ipc.hardening.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.channel.ChannelConfig;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ServiceProxy;

/**
 * A client in a second JVM that calls a {@code StubServerMain} without pause until it is killed, keeping up to eight
 * asynchronous calls in flight (every fourth a {@code sleep} of 20 ms, so the server has work for this client when it
 * dies). Arguments: endpoint, and the most connections it opens (1 unless given; a busy channel opens more). Prints
 * {@code READY <pid>} after its first answered call, and {@code FAILED <result>} for a call that fails.
 */
public final class CallingClientMain {

	private CallingClientMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		int connections = (args.length > 1) ? Integer.parseInt(args[1]) : 1;
		ServiceProxy proxy = new ServiceProxy(ChannelConfig.custom("TestService")
			.endpoints(args[0])
			.maxConnectionsPerEndpoint(connections)
			.circuitBreaker(false)
			.build());
		if (!proxy.call("echo", "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)).isSuccess()) {
			throw new IllegalStateException("no answer from " + args[0]);
		}
		System.out.println("READY " + ProcessHandle.current().pid());
		Semaphore inFlight = new Semaphore(8);
		AtomicLong n = new AtomicLong();
		while (true) {
			inFlight.acquire();
			long i = n.incrementAndGet();
			CompletableFuture<CallResult> call = (i % 4 == 0)
					? proxy.callAsync("sleep", "20".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10))
					: proxy.callAsync("echo", Long.toString(i).getBytes(StandardCharsets.UTF_8),
							Duration.ofSeconds(10));
			call.whenComplete((result, failure) -> {
				inFlight.release();
				if (failure != null || !result.isSuccess()) {
					System.out.println("FAILED " + ((failure != null) ? failure : result));
				}
			});
		}
	}

}
