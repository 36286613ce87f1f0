package io.cdmf.ipc.hardening.flood;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;

/**
 * Bad frames for floods: random bytes, and valid frames (requests, a heartbeat, an event, a request for an unknown
 * method) mutated the way a broken or hostile peer would: truncated, with an oversized or undersized declared
 * length, a corrupted magic, an unknown version or type, a wrong checksum, or one to three random mutations of the
 * kind {@code FrameDecoderFuzzTests} makes, most with a recomputed checksum so that the checks behind it are reached.
 * The same seed gives the same frames.
 */
final class FloodFrames {

	/** The kinds of bad input, each picked equally often. */
	enum Kind {

		/** Random bytes; half of them behind a valid prefix. */
		RANDOM,
		/** A valid frame cut short. */
		TRUNCATED,
		/** A declared length over the maximum frame length. */
		OVERSIZED_LENGTH,
		/** A declared length under the smallest frame. */
		UNDERSIZED_LENGTH,
		/** A corrupted magic. */
		BAD_MAGIC,
		/** A version this side does not read. */
		UNKNOWN_VERSION,
		/** A message type that does not exist, with a valid checksum. */
		UNKNOWN_TYPE,
		/** A flipped bit behind a checksum that no longer matches. */
		BAD_CHECKSUM,
		/** One to three random mutations. */
		MUTATED

	}

	private static final int[] INTERESTING = { 0, 1, -1, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF,
			0x80000000, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_FRAME_LENGTH + 1 };

	private final SplittableRandom random;

	private final List<byte[]> valid;

	/**
	 * Creates a generator.
	 * @param seed the seed
	 */
	FloodFrames(long seed) {
		this.random = new SplittableRandom(seed);
		FrameEncoder encoder = new FrameEncoder(DEFAULT_MAX_FRAME_LENGTH);
		Message heartbeat = Message.create(MessageType.HEARTBEAT);
		Message event = Message.create(MessageType.EVENT);
		event.getMetadata().setSubject("echo");
		Message withHeaders = Message.request("echo", ByteBuffer.wrap(bytes("headers")));
		withHeaders.getMetadata().setHeader("k", "v").setHeader("ü", "ß");
		this.valid = List.of(frame(encoder, Message.request("echo", ByteBuffer.wrap(new byte[0]))),
				frame(encoder, Message.request("echo", ByteBuffer.wrap(bytes("flood")))),
				frame(encoder, Message.request("echo", ByteBuffer.wrap(new byte[1500]))),
				frame(encoder, Message.request("noSuchMethod", ByteBuffer.wrap(bytes("x")))),
				frame(encoder, withHeaders),
				frame(encoder, heartbeat), frame(encoder, event));
	}

	/**
	 * Returns the next bad input, of a random kind.
	 * @return the bytes
	 */
	byte[] next() {
		Kind[] kinds = Kind.values();
		return next(kinds[this.random.nextInt(kinds.length)]);
	}

	/**
	 * Returns the next bad input of a kind.
	 * @param kind the kind
	 * @return the bytes
	 */
	byte[] next(Kind kind) {
		byte[] frame = this.valid.get(this.random.nextInt(this.valid.size())).clone();
		switch (kind) {
			case RANDOM -> {
				return randomBytes();
			}
			case TRUNCATED -> {
				return Arrays.copyOf(frame, this.random.nextInt(frame.length));
			}
			case OVERSIZED_LENGTH -> {
				long length = DEFAULT_MAX_FRAME_LENGTH + 1L
						+ this.random.nextLong(0xFFFF_FFFFL - DEFAULT_MAX_FRAME_LENGTH);
				return rechecksum(putInt(frame, FRAME_LENGTH_OFFSET, (int) length));
			}
			case UNDERSIZED_LENGTH -> {
				return rechecksum(putInt(frame, FRAME_LENGTH_OFFSET, this.random.nextInt(HEADER_LENGTH)));
			}
			case BAD_MAGIC -> {
				frame[this.random.nextInt(4)] ^= (byte) (1 + this.random.nextInt(255));
				return frame;
			}
			case UNKNOWN_VERSION -> {
				frame[VERSION_OFFSET] = (byte) (2 + this.random.nextInt(254));
				return rechecksum(frame);
			}
			case UNKNOWN_TYPE -> {
				frame[TYPE_OFFSET] = (byte) (MessageType.values().length + this.random.nextInt(100));
				return rechecksum(frame);
			}
			case BAD_CHECKSUM -> {
				int at = CHECKSUM_START + this.random.nextInt(frame.length - CHECKSUM_START);
				frame[at] ^= (byte) (1 << this.random.nextInt(8));
				return frame;
			}
			default -> {
				for (int m = 1 + this.random.nextInt(3); m > 0; m--) {
					frame = mutateOnce(frame);
				}
				return (this.random.nextInt(4) != 0) ? rechecksum(frame) : frame;
			}
		}
	}

	/**
	 * Returns a valid frame: a request for {@code echo}, the other requests, a heartbeat or an event.
	 * @return the bytes
	 */
	byte[] valid() {
		return this.valid.get(this.random.nextInt(this.valid.size())).clone();
	}

	/**
	 * Returns a random int below a bound, from this generator's stream.
	 * @param bound the bound
	 * @return the number
	 */
	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	private byte[] mutateOnce(byte[] frame) {
		if (frame.length == 0) {
			return frame;
		}
		switch (this.random.nextInt(6)) {
			case 0 -> frame[this.random.nextInt(frame.length)] ^= (byte) (1 << this.random.nextInt(8));
			case 1 -> frame[this.random.nextInt(frame.length)] = (byte) interesting();
			case 2 -> {
				int[] fields = { FRAME_LENGTH_OFFSET, METADATA_LENGTH_OFFSET, PAYLOAD_LENGTH_OFFSET };
				int field = fields[this.random.nextInt(fields.length)];
				if (frame.length >= field + 4) {
					putInt(frame, field, this.random.nextBoolean() ? interesting()
							: getInt(frame, field) + this.random.nextInt(-9, 10));
				}
			}
			case 3 -> {
				byte[] longer = Arrays.copyOf(frame, frame.length + 1 + this.random.nextInt(64));
				for (int i = frame.length; i < longer.length; i++) {
					longer[i] = (byte) this.random.nextInt(256);
				}
				return longer;
			}
			case 4 -> {
				int at = HEADER_LENGTH + this.random.nextInt(Math.max(1, frame.length - HEADER_LENGTH));
				if (frame.length >= at + 2) {
					ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) interesting());
				}
			}
			default -> {
				int at = this.random.nextInt(frame.length);
				for (int i = Math.min(frame.length - at, 1 + this.random.nextInt(16)); i > 0; i--) {
					frame[at + i - 1] = (byte) this.random.nextInt(256);
				}
			}
		}
		return frame;
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[this.random.nextInt(300)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) this.random.nextInt(256);
		}
		if (bytes.length >= PREFIX_LENGTH && this.random.nextBoolean()) {
			putInt(bytes, MAGIC_OFFSET, MAGIC);
			putInt(bytes, FRAME_LENGTH_OFFSET, bytes.length);
			bytes[VERSION_OFFSET] = (byte) VERSION;
			rechecksum(bytes);
		}
		return bytes;
	}

	private int interesting() {
		return INTERESTING[this.random.nextInt(INTERESTING.length)];
	}

	private static byte[] frame(FrameEncoder encoder, Message message) {
		ByteBuffer encoded = encoder.encode(message);
		byte[] bytes = new byte[encoded.remaining()];
		encoded.get(bytes);
		return bytes;
	}

	private static int getInt(byte[] frame, int offset) {
		return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
	}

	private static byte[] putInt(byte[] frame, int offset, int value) {
		ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
		return frame;
	}

	/**
	 * Recomputes the CRC32C over bytes [8, declared length), or to the end if the frame is shorter.
	 */
	private static byte[] rechecksum(byte[] frame) {
		if (frame.length < FrameDescriptor.PREFIX_LENGTH) {
			return frame;
		}
		long declared = Integer.toUnsignedLong(getInt(frame, FRAME_LENGTH_OFFSET));
		int end = (int) Math.min(declared, frame.length);
		if (end > CHECKSUM_START) {
			CRC32C crc = new CRC32C();
			crc.update(frame, CHECKSUM_START, end - CHECKSUM_START);
			putInt(frame, CHECKSUM_OFFSET, (int) crc.getValue());
		}
		return frame;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
