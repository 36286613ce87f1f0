package io.cdmf.ipc.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.ManyEndpointsServerMain;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.IoThreads;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client process with many channels runs the process's shared I/O threads and a constant few, not threads per
 * connection: the server is another JVM listening on every endpoint.
 */
class SharedIoThreadsTests {

	/** The channels' scheduler and connector threads, the most that may appear besides the I/O threads. */
	private static final int CONSTANT_FEW = 1 + 4 + 1;

	@Test
	void whenAClientHasAHundredUnixChannelsThenItRunsOnlyTheSharedLoops() {
		try (TestEndpoints endpoints = new TestEndpoints()) {
			List<String> uris = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				uris.add(endpoints.endpoint("unix", "many" + i));
			}
			Set<String> before = threadNames();
			int added = callThroughChannels(uris);
			Set<String> created = threadNames();
			created.removeAll(before);
			assertThat(added).isEqualTo(200);
			assertThat(created).as("threads the channels started").hasSizeLessThanOrEqualTo(
					IoThreads.loopThreads() + CONSTANT_FEW);
			assertThat(threadNames().stream().filter(name -> name.startsWith("cdmf-client-io-")))
				.hasSize(IoThreads.loopThreads());
			assertThat(threadNames()).noneMatch(name -> name.startsWith("cdmf-reader-") || name.contains(".sock"));
		}
	}

	@Test
	void whenAClientHasTwentyShmChannelsThenItRunsOnlyTheSharedPollers() {
		try (ShmTestDirectory directory = new ShmTestDirectory()) {
			List<String> uris = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				uris.add(directory.endpoint("many" + i));
			}
			Set<String> before = threadNames();
			int added = callThroughChannels(uris);
			Set<String> created = threadNames();
			created.removeAll(before);
			assertThat(added).isEqualTo(40);
			assertThat(created).as("threads the channels started").hasSizeLessThanOrEqualTo(
					IoThreads.pollerThreads() + CONSTANT_FEW);
			assertThat(threadNames()).noneMatch(name -> name.startsWith("cdmf-shm-client-"));
		}
	}

	/**
	 * Opens a channel per endpoint to a server on all of them, makes a synchronous and an asynchronous call on each
	 * (the asynchronous replies are read by the shared threads), and closes the channels.
	 * @return the calls that succeeded
	 */
	private static int callThroughChannels(List<String> uris) {
		try (ForkedJvm server = ForkedJvm.start(ManyEndpointsServerMain.class, String.join(",", uris))) {
			server.awaitLine("READY", Duration.ofSeconds(60));
			List<ManagedChannel> channels = new ArrayList<>();
			int succeeded = 0;
			try {
				for (int i = 0; i < uris.size(); i++) {
					channels.add(ManagedChannel.create(ChannelConfig.custom("Many" + i).endpoints(uris.get(i)).build()));
				}
				List<CompletableFuture<CallResult>> later = new ArrayList<>();
				for (ManagedChannel channel : channels) {
					succeeded += channel.call("echo", bytes("sync")).isSuccess() ? 1 : 0;
					later.add(channel.callAsync("echo", bytes("async")));
				}
				for (CompletableFuture<CallResult> call : later) {
					succeeded += call.join().isSuccess() ? 1 : 0;
				}
			}
			finally {
				channels.forEach(ManagedChannel::close);
			}
			return succeeded;
		}
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
			.collect(Collectors.toSet());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
