package io.cdmf.ipc.transport.shm;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShmRing} over a mapped {@link ShmFile}.
 */
class ShmRingTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	private final FrameEncoder encoder = new FrameEncoder(1 << 20);

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	@Test
	void shouldWriteFramesStraightIntoTheRingAndReadThemAsViews() throws Exception {
		ShmRing ring = newRing("views");
		Message message = Message.request("m", java.nio.ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		int length = this.encoder.frameLength(message);
		assertThat(ring.writeFrame(77, message, this.encoder, length, 0, () -> true)).isEqualTo(length);
		FrameDecoder decoder = new FrameDecoder(1 << 20);
		List<Message> read = new ArrayList<>();
		List<byte[]> payloads = new ArrayList<>();
		assertThat(ring.read((type, buffer, index, size) -> {
			assertThat(type).isEqualTo(77);
			Message view = decoder.decode(ring.readView(), ShmRing.frameOffset(index), size, false);
			payloads.add(view.getPayloadBytes());
			read.add(view);
		}, 10)).isEqualTo(1);
		assertThat(read).singleElement().satisfies(m -> {
			assertThat(m.getMessageId()).isEqualTo(message.getMessageId());
			assertThat(m.getPayload().isDirect()).isTrue();
			// The ring zeroes a record once the read batch is over: the view is valid only during delivery.
			assertThat(m.getPayloadBytes()).containsExactly(0, 0, 0);
		});
		assertThat(payloads).singleElement().isEqualTo(new byte[] { 1, 2, 3 });
	}

	@Test
	void whenFullThenWaitsUpToTheTimeoutOrUntilTheReaderIsGone() throws Exception {
		ShmRing ring = newRing("full");
		Message message = Message.request("m", java.nio.ByteBuffer.allocate(400));
		int length = this.encoder.frameLength(message);
		int written = 0;
		while (ring.writeFrame(1, message, this.encoder, length, 0, () -> true) > 0) {
			written++;
		}
		assertThat(written).isBetween(5, 9);
		long start = System.nanoTime();
		assertThat(ring.writeFrame(1, message, this.encoder, length, 50_000_000, () -> true))
			.isEqualTo(ShmRing.TIMED_OUT);
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000);
		assertThat(ring.writeFrame(1, message, this.encoder, length, 10_000_000_000L, () -> false))
			.isEqualTo(ShmRing.CLOSED);
		assertThat(ring.maxMessageLength()).isEqualTo(512);
	}

	private static ShmRing newRing(String name) throws Exception {
		Path path = DIRECTORY.directory().resolve(ShmTestDirectory.uniqueName(name));
		return ShmFile.create(path, 4096, 1, 0, PosixFilePermissions.fromString("rw-------")).ring();
	}

}
