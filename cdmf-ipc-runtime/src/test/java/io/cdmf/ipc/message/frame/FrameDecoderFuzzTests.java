package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static io.cdmf.ipc.message.frame.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds mutated frames to the decoder: every call must return a message or throw a {@link FrameException}. Runs
 * once with a fixed seed and once with a random seed that is logged and named in any failure, so that a failure
 * can be replayed by putting its seed in {@link #seeds()}.
 */
class FrameDecoderFuzzTests {

	private static final Logger logger = LoggerFactory.getLogger(FrameDecoderFuzzTests.class);

	private static final long FIXED_SEED = 0x5EED_CD3F_1A2B_3C4DL;

	private static final int ITERATIONS = 100_000;

	private static final int MAX_FRAME = 64 * 1024;

	private static final int[] INTERESTING_INTS = { 0, 1, -1, 7, 8, 80, 87, 88, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF,
			0x10000, MAX_FRAME, MAX_FRAME + 1, Integer.MAX_VALUE, Integer.MIN_VALUE };

	private static final int[] LENGTH_FIELDS = { FRAME_LENGTH_OFFSET, METADATA_LENGTH_OFFSET, PAYLOAD_LENGTH_OFFSET };

	// Fixed ids and times only: a seed must replay the same inputs.
	private final List<byte[]> corpus = List.of(encode(fullMessage()), encode(errorMessage()), encode(heartbeat()),
			encode(nonAscii()), encode(fullMessage().setPayload(sequence(3000))), encode(headersMessage()),
			encode(errorWithHeaders()));

	private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME);

	private final ByteBuffer heap = ByteBuffer.allocate(MAX_FRAME + 64);

	private final ByteBuffer direct = ByteBuffer.allocateDirect(MAX_FRAME + 64);

	static LongStream seeds() {
		long randomSeed = ThreadLocalRandom.current().nextLong();
		logger.info("Fuzzing the frame decoder with seeds {} (fixed) and {} (random)", FIXED_SEED, randomSeed);
		return LongStream.of(FIXED_SEED, randomSeed);
	}

	@ParameterizedTest
	@MethodSource("seeds")
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void shouldOnlyReturnMessagesOrThrowFrameExceptions(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Map<ErrorCode, Integer> outcomes = new EnumMap<>(ErrorCode.class);
		long start = System.nanoTime();
		for (int i = 0; i < ITERATIONS; i++) {
			byte[] input = mutate(random);
			outcomes.merge(decodeOnce(random, input, seed, i), 1, Integer::sum);
		}
		logger.info("Seed {}: {} frames in {} ms: {}", seed, ITERATIONS, (System.nanoTime() - start) / 1_000_000,
				outcomes);
		// The mutations must get past the checksum to the deeper checks, and leave some frames valid.
		assertThat(outcomes).containsKeys(ErrorCode.OK, ErrorCode.FRAME_TRUNCATED, ErrorCode.FRAME_TOO_LARGE,
				ErrorCode.BAD_MAGIC, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.CHECKSUM_MISMATCH,
				ErrorCode.UNKNOWN_ENUM_VALUE, ErrorCode.MALFORMED_FRAME);
	}

	/**
	 * Decodes one input and returns {@link ErrorCode#OK} for a message, or the code of the FrameException.
	 */
	private ErrorCode decodeOnce(SplittableRandom random, byte[] input, long seed, int iteration) {
		ByteBuffer buffer = random.nextBoolean() ? this.heap : this.direct;
		int offset = random.nextInt(8);
		buffer.clear().put(offset, input).limit(offset + input.length);
		try {
			if (random.nextInt(8) == 0) {
				this.decoder.frameLength(buffer, offset, input.length);
			}
			Message message = this.decoder.decode(buffer, offset, input.length, random.nextBoolean());
			assertThat(message.getPayloadSize()).isLessThanOrEqualTo(input.length - HEADER_LENGTH);
			// The flag is set exactly when headers are present: a frame that says otherwise was rejected.
			assertThat(message.getHeader().hasFlag(MessageHeader.FLAG_HEADERS))
				.isEqualTo(message.getMetadata().hasHeaders());
			return ErrorCode.OK;
		}
		catch (FrameException ex) {
			if (ex.getErrorCode().category() != ErrorCode.Category.FRAME) {
				throw failure(seed, iteration, input, ex);
			}
			return ex.getErrorCode();
		}
		catch (Throwable ex) {
			throw failure(seed, iteration, input, ex);
		}
	}

	private static AssertionError failure(long seed, int iteration, byte[] input, Throwable ex) {
		return new AssertionError("seed " + seed + ", iteration " + iteration + ": decoding " + hex(input)
				+ " threw " + ex, ex);
	}

	private byte[] mutate(SplittableRandom random) {
		byte[] frame = this.corpus.get(random.nextInt(this.corpus.size())).clone();
		if (random.nextInt(20) == 0) {
			return randomBytes(random);
		}
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			frame = mutateOnce(random, frame);
		}
		// Most frames get a valid checksum again, so that the checks behind it are reached.
		return (random.nextInt(4) != 0) ? rechecksum(frame) : frame;
	}

	private static byte[] mutateOnce(SplittableRandom random, byte[] frame) {
		if (frame.length == 0) {
			return frame;
		}
		switch (random.nextInt(9)) {
			case 0 -> frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
			case 1 -> frame[random.nextInt(frame.length)] = (byte) interesting(random);
			case 2 -> {
				return Arrays.copyOf(frame, random.nextInt(frame.length));
			}
			case 3 -> {
				byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(64));
				for (int i = frame.length; i < longer.length; i++) {
					longer[i] = (byte) random.nextInt(256);
				}
				return longer;
			}
			case 4 -> {
				int field = LENGTH_FIELDS[random.nextInt(LENGTH_FIELDS.length)];
				if (frame.length >= field + 4) {
					int current = getInt(frame, field);
					putInt(frame, field, random.nextBoolean() ? interesting(random) : current + random.nextInt(-9, 10));
				}
			}
			case 5 -> {
				// A length of the first strings, or a u16 anywhere after the header (headers sit at the end).
				int at = HEADER_LENGTH + (random.nextBoolean() ? 2 * random.nextInt(12)
						: random.nextInt(Math.max(1, frame.length - HEADER_LENGTH)));
				if (frame.length >= at + 2) {
					putShort(frame, at, random.nextBoolean() ? interesting(random) : random.nextInt(0x10000));
				}
			}
			case 6 -> {
				int at = TYPE_OFFSET + random.nextInt(EXPIRATION_OFFSET + 8 - TYPE_OFFSET);
				frame[Math.min(at, frame.length - 1)] = (byte) random.nextInt(256);
			}
			case 7 -> {
				// The flags that say which optional sections the metadata holds.
				if (frame.length > FLAGS_OFFSET) {
					frame[FLAGS_OFFSET] ^= (byte) (random.nextBoolean() ? MessageHeader.FLAG_HEADERS
							: MessageHeader.FLAG_ERROR_INFO);
				}
			}
			default -> {
				int at = random.nextInt(frame.length);
				int count = Math.min(frame.length - at, 1 + random.nextInt(16));
				for (int i = 0; i < count; i++) {
					frame[at + i] = (byte) random.nextInt(256);
				}
			}
		}
		return frame;
	}

	private static byte[] randomBytes(SplittableRandom random) {
		byte[] bytes = new byte[random.nextInt(200)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		if (bytes.length >= PREFIX_LENGTH && random.nextBoolean()) {
			// A valid prefix sends random bytes past the first checks.
			putInt(bytes, MAGIC_OFFSET, MAGIC);
			putInt(bytes, FRAME_LENGTH_OFFSET, bytes.length);
			bytes[VERSION_OFFSET] = (byte) VERSION;
			rechecksum(bytes);
		}
		return bytes;
	}

	private static int interesting(SplittableRandom random) {
		return INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
	}

	private static Message heartbeat() {
		Message message = new Message();
		message.getHeader().setType(MessageType.HEARTBEAT).setMessageId(MESSAGE_ID);
		return message;
	}

	private static Message errorWithHeaders() {
		Message message = nonAscii();
		message.getMetadata().setHeader("a", "").setHeader("b", "1").setHeader("ü", "ß");
		return message;
	}

	private static Message nonAscii() {
		Message message = fullMessage();
		message.getMetadata().setSubject("método").setSourceEndpoint("unix:///tmp/ü😀.sock");
		return message.setErrorInfo(new ErrorInfo(ErrorCode.TIMEOUT, "zu spät", "TIMEOUT", "計算"));
	}

}
