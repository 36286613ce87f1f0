package io.cdmf.ipc.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/**
 * Raw baselines for {@link PingPong}, in a second JVM: {@code tcp} echoes length-prefixed messages on a blocking
 * socket with TCP_NODELAY; {@code grpc} serves {@code /raw.Echo/Echo} on bytes with grpc-java alone. Prints
 * {@code READY <pid> <port>}.
 */
public final class RawEchoServerMain {

	private RawEchoServerMain() {
	}

	public static void main(String[] args) throws Exception {
		CountDownLatch forever = new CountDownLatch(1);
		if ("grpc".equals(args[0])) {
			Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
					InsecureServerCredentials.create())
				.directExecutor()
				.addService(ServerServiceDefinition.builder("raw.Echo")
					.addMethod(PingPong.RAW_ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
						responses.onNext(request);
						responses.onCompleted();
					}))
					.build())
				.build()
				.start();
			System.out.println("READY " + ProcessHandle.current().pid() + " " + server.getPort());
			forever.await();
		}
		try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			System.out.println("READY " + ProcessHandle.current().pid() + " " + listening.getLocalPort());
			while (true) {
				Socket socket = listening.accept();
				socket.setTcpNoDelay(true);
				Thread thread = new Thread(() -> echo(socket));
				thread.setDaemon(true);
				thread.start();
			}
		}
	}

	private static void echo(Socket socket) {
		try (socket;
				DataInputStream in = new DataInputStream(socket.getInputStream());
				DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
			byte[] buffer = new byte[65536];
			while (true) {
				int length = in.readInt();
				in.readFully(buffer, 0, length);
				out.writeInt(length);
				out.write(buffer, 0, length);
				out.flush();
			}
		}
		catch (IOException ex) {
			// The client went away: this connection is done.
		}
	}

}
