package io.cdmf.ipc.transport.shm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.cdmf.ipc.transport.shm.ShmTransportTests.bytes;
import static io.cdmf.ipc.transport.shm.ShmTransportTests.request;
import static io.cdmf.ipc.transport.shm.ShmTransportTests.stub;
import static io.cdmf.ipc.transport.shm.ShmTransportTests.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShmReadGuard}: synchronous callers read their own response ring, one at a time, and the ring outlives a
 * close until the caller reading it is done.
 */
class ShmReadGuardTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	@Test
	void shouldLendTheResponseRingToOneCallerAtATime() {
		String endpoint = DIRECTORY.endpoint("one-at-a-time");
		try (Transport server = TransportFactory.create(endpoint);
				Transport client = TransportFactory.create(endpoint)) {
			server.start();
			assertThat(client.leaseReceive()).as("not connected").isNull();
			client.connect();
			Transport.ReceiveLease lease = client.leaseReceive();
			assertThat(lease).isNotNull();
			assertThat(client.leaseReceive()).as("held").isNull();
			lease.close();
			Transport.ReceiveLease again = client.leaseReceive();
			assertThat(again).isNotNull();
			again.close();
			assertThat(server.leaseReceive()).as("serving").isNull();
		}
	}

	@Test
	void whenACallerHoldsTheLeaseThenItReadsAndDeliversWhatArrives() {
		String endpoint = DIRECTORY.endpoint("delivers");
		List<Message> delivered = new ArrayList<>();
		List<String> threads = new ArrayList<>();
		try (Transport server = TransportFactory.create(endpoint);
				Transport client = TransportFactory.create(endpoint)) {
			server.setMessageCallback(message -> server.send(message.createResponse()));
			client.setMessageCallback(message -> {
				delivered.add(message);
				threads.add(Thread.currentThread().getName());
			});
			server.start();
			client.connect();
			try (Transport.ReceiveLease lease = client.leaseReceive()) {
				client.send(request("ping", 1));
				lease.receiveUntil(() -> !delivered.isEmpty(), 0, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
			}
		}
		assertThat(delivered).singleElement()
			.satisfies(message -> assertThat(message.getType()).isEqualTo(MessageType.RESPONSE));
		assertThat(threads).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void whenManyThreadsCallAtOnceThenEachGetsItsOwnResponse() {
		String endpoint = DIRECTORY.endpoint("many");
		try (ServiceStub stub = stub(endpoint, true);
				ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("echo", request -> request);
			stub.start();
			List<CompletableFuture<Boolean>> callers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int caller = t;
				callers.add(CompletableFuture.supplyAsync(() -> {
					for (int i = 0; i < 2_000; i++) {
						String text = caller + "-" + i;
						CallResult result = proxy.call("echo", bytes(text), Duration.ofSeconds(10));
						if (!result.isSuccess() || !text.equals(text(result.data()))) {
							return false;
						}
					}
					return true;
				}));
			}
			assertThat(callers).allSatisfy(caller -> assertThat(caller.join()).isTrue());
		}
	}

	@Test
	void whenTheClientStopsDuringALeaseThenItsFileGoesWhenTheLeaseEnds() throws Exception {
		String endpoint = DIRECTORY.endpoint("stop-during-lease");
		Path files = DIRECTORY.filesOf(endpoint);
		try (Transport server = TransportFactory.create(endpoint)) {
			server.start();
			Transport client = TransportFactory.create(endpoint);
			client.connect();
			Transport.ReceiveLease lease = client.leaseReceive();
			assertThat(clientFiles(files)).hasSize(1);

			CompletableFuture.runAsync(client::stop).get(10, TimeUnit.SECONDS);
			lease.receiveUntil(() -> false, 0, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
			assertThat(clientFiles(files)).as("still read by the lease holder").hasSize(1);

			lease.close();
			assertThat(clientFiles(files)).isEmpty();
		}
	}

	private static List<Path> clientFiles(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(path -> path.getFileName().toString().startsWith("client-")).toList();
		}
	}

}
