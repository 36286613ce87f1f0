package io.cdmf.ipc.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;

/**
 * An ad-hoc cross-process round-trip measurement, not a test: a server in a second JVM, one caller here, 64-byte
 * payloads, sequential calls. Arguments: {@code cdmf <endpoint>} (a {@link StubServerMain} on that endpoint, port 0
 * allowed; {@code cdmf-inline} runs the handlers on the transport's thread), {@code raw-tcp} or {@code raw-grpc} ({@link RawEchoServerMain}); optionally the number of calls.
 * Prints p50, p90 and p99 in microseconds. The real benchmarks live in {@code cdmf-ipc-benchmarks}.
 */
public final class PingPong {

	static final MethodDescriptor<byte[], byte[]> RAW_ECHO = MethodDescriptor.newBuilder(RawBytesMarshaller.INSTANCE, RawBytesMarshaller.INSTANCE)
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("raw.Echo/Echo")
		.build();

	private PingPong() {
	}

	public static void main(String[] args) throws Exception {
		boolean cdmf = args[0].startsWith("cdmf");
		int calls = (args.length > 2) ? Integer.parseInt(args[2])
				: ((args.length > 1 && !cdmf) ? Integer.parseInt(args[1]) : 20_000);
		byte[] payload = new byte[64];
		switch (args[0]) {
			case "cdmf", "cdmf-inline" -> {
				String handlers = args[0].equals("cdmf-inline") ? "inline" : "pool";
				try (ForkedJvm server = ForkedJvm.start(StubServerMain.class, args[1], "100", "30000", handlers)) {
					String endpoint = server.awaitLine("READY", Duration.ofSeconds(60)).split(" ")[2];
					try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(endpoint))) {
						report(args[1] + " (" + handlers + ")", calls, () -> {
							CallResult result = proxy.call("echo", payload);
							if (!result.isSuccess()) {
								throw new IllegalStateException(result.toString());
							}
							return result;
						});
					}
				}
			}
			case "raw-tcp" -> {
				try (ForkedJvm server = ForkedJvm.start(RawEchoServerMain.class, "tcp");
						Socket socket = new Socket("127.0.0.1", port(server))) {
					socket.setTcpNoDelay(true);
					DataOutputStream out = new DataOutputStream(socket.getOutputStream());
					DataInputStream in = new DataInputStream(socket.getInputStream());
					byte[] answer = new byte[64];
					report("raw TCP", calls, () -> {
						try {
							out.writeInt(payload.length);
							out.write(payload);
							out.flush();
							in.readFully(answer, 0, in.readInt());
							return answer;
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					});
				}
			}
			case "raw-grpc" -> {
				try (ForkedJvm server = ForkedJvm.start(RawEchoServerMain.class, "grpc")) {
					ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port(server),
							InsecureChannelCredentials.create()).directExecutor().build();
					report("raw grpc-java unary", calls,
							() -> ClientCalls.blockingUnaryCall(channel, RAW_ECHO, CallOptions.DEFAULT, payload));
					channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				}
			}
			default -> throw new IllegalArgumentException("unknown mode " + args[0]);
		}
	}

	private static int port(ForkedJvm server) {
		return Integer.parseInt(server.awaitLine("READY", Duration.ofSeconds(60)).split(" ")[2]);
	}

	private static void report(String name, int calls, Supplier<?> call) {
		for (int i = 0; i < calls / 2; i++) {
			call.get();
		}
		long[] nanos = new long[calls];
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			long t0 = System.nanoTime();
			call.get();
			nanos[i] = System.nanoTime() - t0;
		}
		long total = System.nanoTime() - start;
		Arrays.sort(nanos);
		System.out.printf("PINGPONG %-40s calls=%d p50=%.1f us p90=%.1f us p99=%.1f us rate=%.0f/s%n", name, calls,
				nanos[calls / 2] / 1e3, nanos[calls * 9 / 10] / 1e3, nanos[calls * 99 / 100] / 1e3,
				calls / (total / 1e9));
	}

}
