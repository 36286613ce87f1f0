package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.TransportError;
import jnr.unixsocket.UnixDatagramChannel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.await;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.call;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.receiveRaw;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.request;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.sendRaw;
import static io.cdmf.ipc.transport.unix.UnixDatagramTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for the server side of {@link UnixDatagramTransport}: datagrams that are not valid frames, and the socket
 * file (stale files, a second server, permissions).
 */
class UnixDatagramTransportServerTests {

	private static final FrameEncoder ENCODER = new FrameEncoder(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH);

	private UnixDatagramTestSupport support;

	@BeforeEach
	void setUp() throws IOException {
		this.support = new UnixDatagramTestSupport();
	}

	@AfterEach
	void tearDown() throws IOException {
		this.support.close();
	}

	@ParameterizedTest
	@EnumSource(BadDatagram.class)
	void shouldRejectBadDatagramAndKeepServing(BadDatagram bad) throws IOException {
		UnixDatagramTransport server = this.support.echoServer("strict.sock");
		BlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
		server.setErrorCallback(errors::add);
		UnixDatagramChannel raw = this.support.rawChannel("raw.sock");
		Message badRequest = request("x".repeat(bad == BadDatagram.OVERSIZED ? 70_000 : 16));
		Path serverPath = this.support.path("strict.sock");
		sendRaw(raw, bad.corrupt.apply(ENCODER.encode(badRequest)), serverPath);
		Message goodRequest = request("good");
		sendRaw(raw, ENCODER.encode(goodRequest), serverPath);

		// The server handles one sender's datagrams in order, so an ERROR reply would come before the response.
		FrameDecoder decoder = new FrameDecoder(FrameDescriptor.DEFAULT_MAX_FRAME_LENGTH);
		ByteBuffer first = receiveRaw(raw);
		Message reply = decoder.decode(first, 0, first.remaining(), true);
		if (bad.replyCode != null) {
			assertThat(reply.getType()).isEqualTo(MessageType.ERROR);
			assertThat(reply.getHeader().getCorrelationId()).isEqualTo(badRequest.getMessageId());
			assertThat(reply.getErrorInfo()).isNotNull();
			assertThat(reply.getErrorInfo().code()).isEqualTo(bad.replyCode);
			ByteBuffer second = receiveRaw(raw);
			reply = decoder.decode(second, 0, second.remaining(), true);
		}
		assertThat(reply.getType()).isEqualTo(MessageType.RESPONSE);
		assertThat(reply.getHeader().getCorrelationId()).isEqualTo(goodRequest.getMessageId());
		assertThat(server.getStats().framesRejected()).isEqualTo(1);
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.error().code()).isEqualTo(bad.rejectCode);
			assertThat(error.connection()).isNotNull();
			assertThat(error.connectionClosed()).isFalse();
		});
		UnixDatagramTransport client = this.support.client("strict.sock");
		assertThat(text(call(client, request("still served")))).isEqualTo("still served");
	}

	@Test
	void shouldIgnoreDatagramsFromUnboundSendersItCannotAnswer() throws IOException {
		UnixDatagramTransport server = this.support.echoServer("anon.sock");
		BlockingQueue<TransportError> errors = new LinkedBlockingQueue<>();
		server.setErrorCallback(errors::add);
		try (UnixDatagramChannel unbound = UnixDatagramChannel.open()) {
			sendRaw(unbound, ENCODER.encode(request("who")), this.support.path("anon.sock"));
			await("the request to arrive", () -> server.getStats().messagesReceived() == 1);
		}
		UnixDatagramTransport client = this.support.client("anon.sock");
		assertThat(text(call(client, request("bound")))).isEqualTo("bound");
		assertThat(server.getStats().sendErrors()).isEqualTo(1);
		assertThat(server.getStats().framesRejected()).isZero();
	}

	@Test
	void shouldForgetLeastRecentSendersBeyondMaxConnections() throws IOException {
		UnixDatagramTransport server = this.support
			.echoServer(this.support.config("lru.sock").maxConnections(2).build());
		for (String name : new String[] { "a.sock", "b.sock", "c.sock" }) {
			UnixDatagramChannel raw = this.support.rawChannel(name);
			sendRaw(raw, ENCODER.encode(request(name)), this.support.path("lru.sock"));
			ByteBuffer reply = receiveRaw(raw);
			assertThat(text(new FrameDecoder(65536).decode(reply, 0, reply.remaining(), true))).isEqualTo(name);
		}
		assertThat(server.getStats().connectionsOpened()).isEqualTo(3);
		assertThat(server.getStats().activeConnections()).isEqualTo(2);
	}

	@Test
	void shouldReplaceStaleSocketFile() throws IOException {
		Path path = this.support.path("stale.sock");
		this.support.rawChannel("stale.sock").close();
		assertThat(path).exists();
		assertThat(BoundDatagramSocket.isLive(path)).isFalse();
		this.support.echoServer("stale.sock");
		UnixDatagramTransport client = this.support.client("stale.sock");
		assertThat(text(call(client, request("fresh")))).isEqualTo("fresh");
	}

	@Test
	void shouldRefuseSecondServerWhileFirstKeepsServing() {
		this.support.echoServer("single.sock");
		UnixDatagramTransport second = this.support.transport(this.support.config("single.sock").build());
		assertThatThrownBy(second::start).isInstanceOfSatisfying(IpcException.class, (ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(ex.getMessage()).contains(this.support.path("single.sock").toString());
		});
		assertThat(second.isConnected()).isFalse();
		UnixDatagramTransport client = this.support.client("single.sock");
		assertThat(text(call(client, request("first")))).isEqualTo("first");
	}

	@Test
	void shouldLeaveLiveForeignSocketAlone() throws IOException {
		// A socket bound by a process that does not take the lock file is found live by the probe.
		this.support.rawChannel("foreign.sock");
		UnixDatagramTransport server = this.support.transport(this.support.config("foreign.sock").build());
		assertThatThrownBy(server::start).isInstanceOfSatisfying(IpcException.class,
				(ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		assertThat(this.support.path("foreign.sock")).exists();
	}

	@Test
	void shouldMakeSocketFileOwnerOnlyByDefault() throws IOException {
		this.support.echoServer("private.sock");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.support.path("private.sock"))))
			.isEqualTo("rw-------");
	}

	@Test
	void shouldApplyConfiguredSocketPermissions() throws IOException {
		this.support.echoServer(this.support.config("group.sock").socketPermissions("rw-rw----").build());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.support.path("group.sock"))))
			.isEqualTo("rw-rw----");
	}

	/**
	 * Ways a datagram can fail to be a frame, with the code the server reports and the code of its ERROR reply
	 * ({@code null} when the frame's extent or id cannot be trusted, so no reply is sent).
	 */
	enum BadDatagram {

		GARBAGE(ErrorCode.BAD_MAGIC, null, (frame) -> ByteBuffer.wrap("not a frame at all, just text".getBytes())),

		TRUNCATED(ErrorCode.FRAME_TRUNCATED, null, (frame) -> frame.slice(0, 40)),

		CORRUPTED_CHECKSUM(ErrorCode.CHECKSUM_MISMATCH, ErrorCode.CHECKSUM_MISMATCH,
				(frame) -> flip(frame, frame.limit() - 1)),

		UNKNOWN_TYPE(ErrorCode.UNKNOWN_ENUM_VALUE, ErrorCode.UNKNOWN_ENUM_VALUE,
				(frame) -> resign(frame.put(FrameDescriptor.TYPE_OFFSET, (byte) 99))),

		OVERSIZED(ErrorCode.FRAME_TOO_LARGE, null, (frame) -> frame);

		final ErrorCode rejectCode;

		final @Nullable ErrorCode replyCode;

		final UnaryOperator<ByteBuffer> corrupt;

		BadDatagram(ErrorCode rejectCode, @Nullable ErrorCode replyCode, UnaryOperator<ByteBuffer> corrupt) {
			this.rejectCode = rejectCode;
			this.replyCode = replyCode;
			this.corrupt = corrupt;
		}

		private static ByteBuffer flip(ByteBuffer frame, int index) {
			return frame.put(index, (byte) ~frame.get(index));
		}

		private static ByteBuffer resign(ByteBuffer frame) {
			CRC32C crc = new CRC32C();
			byte[] bytes = Arrays.copyOfRange(frame.array(), FrameDescriptor.CHECKSUM_START, frame.limit());
			crc.update(bytes);
			frame.order(ByteOrder.LITTLE_ENDIAN).putInt(FrameDescriptor.CHECKSUM_OFFSET, (int) crc.getValue());
			return frame;
		}

	}

}
