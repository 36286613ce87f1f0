package io.cdmf.ipc.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

/**
 * The raw grpc-java baseline: one unary method {@value #FULL_METHOD_NAME} whose request and response are the payload
 * bytes, through a byte-array marshaller, on grpc-java's Netty transport with its defaults (the server runs calls on
 * its default executor, the client is the blocking stub's {@link ClientCalls#blockingUnaryCall}, which runs the
 * call's callbacks on the calling thread). No deadline, no metadata: the least a grpc-java unary call costs.
 *
 * @since 0.1.0
 */
final class RawGrpc {

	/** The echo method's full name. */
	static final String FULL_METHOD_NAME = "benchmark.Echo/Echo";

	/** Largest message either side accepts: the largest payload with room to spare. */
	static final int MAX_MESSAGE_SIZE = BenchmarkOptions.MAX_SIZE + 1024;

	/** The echo method, bytes in and bytes out. */
	static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor
		.newBuilder(BytesMarshaller.INSTANCE, BytesMarshaller.INSTANCE)
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(FULL_METHOD_NAME)
		.build();

	private RawGrpc() {
	}

	/**
	 * Starts the echo server on a free loopback port.
	 * @return the running server
	 * @throws IOException if it cannot listen
	 */
	static Server start() throws IOException {
		ServerServiceDefinition echo = ServerServiceDefinition.builder("benchmark.Echo")
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
				responses.onNext(request);
				responses.onCompleted();
			}))
			.build();
		return NettyServerBuilder.forAddress(new InetSocketAddress(NetworkServers.HOST, 0))
			.maxInboundMessageSize(MAX_MESSAGE_SIZE)
			.addService(echo)
			.build()
			.start();
	}

	/**
	 * Opens a plain-text channel to the echo server.
	 * @param port the server's port
	 * @return the channel
	 */
	static ManagedChannel channel(int port) {
		return NettyChannelBuilder.forAddress(NetworkServers.HOST, port)
			.usePlaintext()
			.maxInboundMessageSize(MAX_MESSAGE_SIZE)
			.build();
	}

	/**
	 * A caller of the echo method on a channel that callers may share; closing it shuts the channel down.
	 */
	static final class Client implements SyncClient {

		private final ManagedChannel channel;

		private final byte[] request;

		private final boolean owner;

		Client(ManagedChannel channel, int size, boolean owner) {
			this.channel = channel;
			this.request = NetworkCases.payloadBytes(size);
			this.owner = owner;
		}

		@Override
		public void roundTrip(boolean verify) throws IOException {
			byte[] echo;
			try {
				echo = ClientCalls.blockingUnaryCall(this.channel, ECHO, CallOptions.DEFAULT, this.request);
			}
			catch (RuntimeException ex) {
				throw new IOException("gRPC call failed: " + ex, ex);
			}
			if (verify && echo.length != this.request.length) {
				throw new IOException("echo of " + echo.length + " bytes, expected " + this.request.length);
			}
		}

		@Override
		public void close() {
			if (this.owner) {
				this.channel.shutdownNow();
				try {
					this.channel.awaitTermination(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/**
	 * Marshals a byte array as itself. The stream it writes knows its length and drains straight into gRPC's
	 * buffer, so sending copies the bytes once; reading takes exactly the bytes available, as a hand-tuned
	 * grpc-java service would.
	 */
	static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

		static final BytesMarshaller INSTANCE = new BytesMarshaller();

		@Override
		public InputStream stream(byte[] value) {
			return new BytesStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readNBytes(stream.available());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static final class BytesStream extends ByteArrayInputStream implements KnownLength, Drainable {

		BytesStream(byte[] bytes) {
			super(bytes);
		}

		@Override
		public int drainTo(OutputStream target) throws IOException {
			int length = this.count - this.pos;
			target.write(this.buf, this.pos, length);
			this.pos = this.count;
			return length;
		}

	}

}
