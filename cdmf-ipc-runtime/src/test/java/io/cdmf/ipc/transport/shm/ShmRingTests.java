package io.cdmf.ipc.transport.shm;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameEncoder;
import org.junit.jupiter.api.AfterAll;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@ParameterizedTest
	@ValueSource(ints = { 1, 7, 4000, 0x7FFF_FFFF })
	void whenARecordLengthIsImpossibleThenTheBytesUpToTheTailAreSkippedAsOneCorruptRecord(int length) throws Exception {
		ShmRing ring = newRing("corrupt-" + length);
		// A hostile client claims 16 bytes at 4072 and writes a header whose length is not what it claimed.
		UnsafeBuffer records = new UnsafeBuffer(ring.mapped(), ShmDescriptor.HEADER_LENGTH,
				4096 + RingBufferDescriptor.TRAILER_LENGTH);
		records.putLong(4096 + RingBufferDescriptor.HEAD_POSITION_OFFSET, 4072);
		records.putLong(4096 + RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, 4072);
		records.putLong(4096 + RingBufferDescriptor.TAIL_POSITION_OFFSET, 4088);
		records.putInt(4072 + 4, 99);
		records.putInt(4072, length);
		List<String> read = new ArrayList<>();

		assertThat(ring.read((type, buffer, index, size) -> read.add(type + "@" + index + "+" + size), 10)).isOne();
		assertThat(read).containsExactly(ShmRing.CORRUPT + "@4072+16");
		assertThat(ring.consumerPosition()).isEqualTo(4088);
		assertThat(records.getLong(4072)).isZero();
		Message message = Message.request("m", java.nio.ByteBuffer.wrap(new byte[] { 7 }));
		int frameLength = this.encoder.frameLength(message);
		assertThat(ring.writeFrame(16, message, this.encoder, frameLength, 0, () -> true)).isEqualTo(frameLength);
		// The frame does not fit in the last 8 bytes: padding, then the frame at the start of the ring.
		assertThat(ring.read((type, buffer, index, size) -> read.add(String.valueOf(type)), 10)
				+ ring.read((type, buffer, index, size) -> read.add(String.valueOf(type)), 10)).isOne();
		assertThat(read).endsWith("16");
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 112, 2048 })
	void whenAClaimThatReachesTheEndOfTheRingIsNeverWrittenThenUnblockReleasesIt(int claimed) throws Exception {
		ShmRing ring = newRing("dead-claim-" + claimed);
		// A producer that died right after moving the tail: its claim (to the end of the ring) is still all zero.
		UnsafeBuffer trailer = new UnsafeBuffer(ring.mapped(), ShmDescriptor.HEADER_LENGTH + 4096,
				RingBufferDescriptor.TRAILER_LENGTH);
		long head = 4096 - claimed;
		trailer.putLong(RingBufferDescriptor.HEAD_POSITION_OFFSET, head);
		trailer.putLong(RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, head);
		trailer.putLong(RingBufferDescriptor.TAIL_POSITION_OFFSET, 4096);
		Message message = Message.request("m", java.nio.ByteBuffer.wrap(new byte[] { 7 }));
		int length = this.encoder.frameLength(message);
		assertThat(ring.writeFrame(16, message, this.encoder, length, 0, () -> true)).isEqualTo(length);
		List<Integer> types = new ArrayList<>();
		assertThat(ring.read((type, buffer, index, size) -> types.add(type), 10)).isZero();

		assertThat(ring.unblock()).isTrue();
		assertThat(ring.read((type, buffer, index, size) -> types.add(type), 10)).isZero();
		assertThat(ring.read((type, buffer, index, size) -> types.add(type), 10)).isOne();
		assertThat(types).containsExactly(16);
		assertThat(ring.consumerPosition()).isEqualTo(ring.producerPosition());
	}

	@Test
	void whenTheRestOfTheRingHoldsARecordThenUnblockLeavesIt() throws Exception {
		ShmRing ring = newRing("live-claim");
		Message message = Message.request("m", java.nio.ByteBuffer.wrap(new byte[] { 7 }));
		int length = this.encoder.frameLength(message);
		assertThat(ring.writeFrame(16, message, this.encoder, length, 0, () -> true)).isEqualTo(length);

		assertThat(ring.unblock()).isFalse();
		assertThat(ring.read((type, buffer, index, size) -> assertThat(type).isEqualTo(16), 10)).isOne();
	}

	private static ShmRing newRing(String name) throws Exception {
		Path path = DIRECTORY.directory().resolve(ShmTestDirectory.uniqueName(name));
		return ShmFile.create(path, 4096, 1, 0, PosixFilePermissions.fromString("rw-------")).ring();
	}

}
