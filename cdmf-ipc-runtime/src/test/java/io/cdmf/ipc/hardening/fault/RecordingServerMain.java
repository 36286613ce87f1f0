package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * A service in a second JVM whose handler leaves a trace of every execution that outlives the process. Arguments:
 * endpoint, executions file. Method {@code record}: the request is {@code <id>} or {@code <id>:<sleep ms>}; the
 * handler appends the line {@code <pid> <id>} to the executions file (one {@code write} to a file opened with
 * {@code O_APPEND}, so it survives a {@code kill -9} of this process the moment it returns), then sleeps, then
 * answers the id. Method {@code pid} answers the process id. Prints {@code READY <pid> <bound endpoint>}.
 */
public final class RecordingServerMain {

	private RecordingServerMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		FileChannel executions = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		String pid = Long.toString(ProcessHandle.current().pid());
		ServiceStub stub = new ServiceStub(StubConfig.custom("Recording")
			.endpoint(args[0])
			.maxConcurrentRequests(1000)
			.requestTimeout(Duration.ofSeconds(30))
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.build());
		stub.registerMethod("record", request -> {
			String text = new String(request, StandardCharsets.UTF_8);
			int colon = text.indexOf(':');
			String id = (colon < 0) ? text : text.substring(0, colon);
			ByteBuffer line = ByteBuffer.wrap((pid + " " + id + "\n").getBytes(StandardCharsets.UTF_8));
			while (line.hasRemaining()) {
				executions.write(line);
			}
			if (colon >= 0) {
				// The request's own work ("id:millis"): it keeps the request in flight so that a kill lands while it runs.
				Thread.sleep(Long.parseLong(text.substring(colon + 1)));
			}
			return id.getBytes(StandardCharsets.UTF_8);
		});
		stub.registerMethod("pid", request -> pid.getBytes(StandardCharsets.UTF_8));
		stub.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.stop();
			stopped.countDown();
		}));
		System.out.println("READY " + pid + " " + String.join(",", stub.getBoundEndpoints()));
		stopped.await();
	}

}
