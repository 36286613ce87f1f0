package io.cdmf.ipc.message.frame;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;

import static io.cdmf.ipc.message.frame.FrameDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps {@code docs/wire-format.md} and the codec from drifting apart: the example frames, the header table, the
 * flags table and the error code table in the document are checked against the code.
 */
class WireFormatDocumentationTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "wire-format.md");

	@Test
	void shouldEncodeTheExampleRequestToTheDocumentedBytes() throws IOException {
		byte[] frame = new FrameEncoder(DEFAULT_MAX_FRAME_LENGTH).encode(exampleRequest()).array();

		assertThat(hexDump(frame)).isEqualTo(section("example-frame"));
	}

	@Test
	void shouldDecodeTheDocumentedBytesToTheExampleRequest() throws IOException {
		byte[] frame = parseHexDump(section("example-frame"));
		Message example = exampleRequest();
		new FrameEncoder(DEFAULT_MAX_FRAME_LENGTH).encode(example);

		Message decoded = new FrameDecoder(DEFAULT_MAX_FRAME_LENGTH).decode(ByteBuffer.wrap(frame), 0, frame.length,
				true);

		TestFrames.assertDecodedAs(decoded, example);
	}

	@Test
	void shouldEncodeTheExampleRequestWithAHeaderToTheDocumentedBytes() throws IOException {
		byte[] frame = new FrameEncoder(DEFAULT_MAX_FRAME_LENGTH).encode(exampleRequestWithHeader()).array();

		assertThat(hexDump(frame)).isEqualTo(section("example-frame-headers"));
		assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8)).contains(checksumRow(frame));
	}

	@Test
	void shouldDecodeTheDocumentedBytesToTheExampleRequestWithAHeader() throws IOException {
		byte[] frame = parseHexDump(section("example-frame-headers"));
		Message example = exampleRequestWithHeader();
		new FrameEncoder(DEFAULT_MAX_FRAME_LENGTH).encode(example);

		Message decoded = new FrameDecoder(DEFAULT_MAX_FRAME_LENGTH).decode(ByteBuffer.wrap(frame), 0, frame.length,
				true);

		TestFrames.assertDecodedAs(decoded, example);
		assertThat(decoded.getMetadata().getHeaders()).containsExactly(entry("tenant", "acme"));
	}

	@Test
	void shouldDocumentEveryFlagWithItsBitAndMask() throws IOException, IllegalAccessException {
		List<String> expected = new ArrayList<>();
		int known = 0;
		for (Field field : MessageHeader.class.getFields()) {
			if (field.getName().startsWith("FLAG_")) {
				int mask = field.getInt(null);
				known |= mask;
				expected.add(Integer.numberOfTrailingZeros(mask) + "|" + mask(mask) + "|`"
						+ field.getName().substring("FLAG_".length()) + "`");
			}
		}
		expected.sort(Comparator.comparingInt((row) -> Integer.parseInt(row.substring(0, row.indexOf('|')))));
		int reserved = ~known & 0xFFFF;
		expected.add(Integer.numberOfTrailingZeros(reserved) + " to 15|" + mask(reserved) + "|reserved");

		assertThat(tableRows(section("flags"), 3)).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldDocumentTheHeaderLayoutOfFrameDescriptor() throws IOException {
		List<String> expected = List.of(row(MAGIC_OFFSET, 4, "u32"), row(CHECKSUM_OFFSET, 4, "u32"),
				row(FRAME_LENGTH_OFFSET, 4, "u32"), row(VERSION_OFFSET, 1, "u8"), row(TYPE_OFFSET, 1, "u8"),
				row(PRIORITY_OFFSET, 1, "u8"), row(FORMAT_OFFSET, 1, "u8"), row(FLAGS_OFFSET, 2, "u16"),
				row(RETRY_COUNT_OFFSET, 2, "u16"), row(MAX_RETRIES_OFFSET, 2, "u16"), row(RESERVED_OFFSET, 2, "u16"),
				row(METADATA_LENGTH_OFFSET, 4, "u32"), row(PAYLOAD_LENGTH_OFFSET, 4, "u32"),
				row(TIMESTAMP_OFFSET, 8, "i64"), row(EXPIRATION_OFFSET, 8, "i64"),
				row(MESSAGE_ID_OFFSET, 16, "2 × u64"), row(CORRELATION_ID_OFFSET, 16, "2 × u64"));

		List<String> documented = tableRows(section("header-table"), 3);

		assertThat(documented).containsExactlyElementsOf(expected);
		assertThat(CORRELATION_ID_OFFSET + 16).isEqualTo(HEADER_LENGTH);
	}

	@Test
	void shouldDocumentEveryErrorCodeWithValueAndCategory() throws IOException {
		List<String> expected = Arrays.stream(ErrorCode.values())
			.map((code) -> code.value() + "|`" + code.name() + "`|" + code.category())
			.toList();

		assertThat(tableRows(section("error-codes"), 3)).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldDocumentEveryEnumValue() throws IOException {
		List<String> expected = new ArrayList<>();
		for (MessageType type : MessageType.values()) {
			expected.add(type.value() + "|`" + type.name() + "`");
		}
		for (MessagePriority priority : MessagePriority.values()) {
			expected.add(priority.value() + "|`" + priority.name() + "`");
		}
		for (SerializationFormat format : SerializationFormat.values()) {
			expected.add(format.value() + "|`" + format.name() + "`");
		}

		assertThat(tableRows(section("enum-values"), 2)).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldReadTheExampleFrameWithThePythonSnippet() throws IOException, InterruptedException {
		String snippet = section("python-reader");
		String program = snippet + "\nimport sys\nprint(read_frame(bytes.fromhex(sys.stdin.read())))\n";
		Process python = startPython(program);
		assumeTrue(python != null, "python3 is not installed");
		try (var stdin = python.getOutputStream()) {
			String hex = HexFormat.of().formatHex(parseHexDump(section("example-frame")));
			stdin.write(hex.getBytes(StandardCharsets.US_ASCII));
		}
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(python.exitValue()).as(output).isZero();
		assertThat(snippet.lines().count()).isLessThanOrEqualTo(30);
		assertThat(output).contains("'id': '00112233445566778899aabbccddeeff'", "'type': 1", "'flags': 2",
				"'timestamp_us': 1700000000000000", "'expiration_ms': 1700000005000",
				"'destination': 'unix:///tmp/calc.sock'", "'subject': 'add'", "'payload': b'[1,2]'");
	}

	private static Process startPython(String program) {
		try {
			return new ProcessBuilder("python3", "-c", program).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The request shown in the document, with fixed ids and times so that its bytes never change.
	 */
	static Message exampleRequest() {
		Message request = new Message();
		request.getHeader()
			.setMessageId(MessageId.parse("00112233445566778899aabbccddeeff"))
			.setTimestampMicros(1_700_000_000_000_000L)
			.setType(MessageType.REQUEST)
			.setPriority(MessagePriority.NORMAL)
			.setFormat(SerializationFormat.JSON)
			.setFlag(MessageHeader.FLAG_DEDUPLICATE, true);
		request.getMetadata()
			.setDestinationEndpoint("unix:///tmp/calc.sock")
			.setSubject("add")
			.setExpirationMillis(1_700_000_005_000L)
			.setMaxRetries(3);
		return request.setPayload("[1,2]".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The second request shown in the document: the first with one header.
	 */
	static Message exampleRequestWithHeader() {
		Message request = exampleRequest();
		request.getMetadata().setHeader("tenant", "acme");
		return request;
	}

	private static String mask(int mask) {
		return String.format("`0x%04X`", mask);
	}

	/**
	 * Returns the checksum row of a byte table for a frame: its four bytes as stored, and the value.
	 */
	private static String checksumRow(byte[] frame) {
		int checksum = TestFrames.getInt(frame, CHECKSUM_OFFSET);
		return String.format("| 4 | `%02x %02x %02x %02x` | checksum | `0x%08X`", frame[4], frame[5], frame[6],
				frame[7], checksum);
	}

	/**
	 * Formats bytes as {@code hexdump -C} does, without its closing line.
	 */
	static String hexDump(byte[] bytes) {
		StringBuilder dump = new StringBuilder();
		for (int line = 0; line < bytes.length; line += 16) {
			dump.append(String.format("%08x ", line));
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < 16; i++) {
				dump.append((i == 8) ? " " : "");
				if (line + i < bytes.length) {
					int b = bytes[line + i] & 0xFF;
					dump.append(String.format(" %02x", b));
					text.append((b >= 0x20 && b < 0x7F) ? (char) b : '.');
				}
				else {
					dump.append("   ");
				}
			}
			dump.append("  |").append(text).append("|\n");
		}
		return dump.toString();
	}

	private static byte[] parseHexDump(String dump) {
		StringBuilder hex = new StringBuilder();
		dump.lines().forEach((line) -> hex.append(line, 10, line.indexOf('|')));
		return HexFormat.of().parseHex(hex.toString().replace(" ", ""));
	}

	private static String row(int offset, int size, String type) {
		return offset + "|" + size + "|" + type;
	}

	/**
	 * Returns the first cells of each data row of the Markdown table in a section, joined by '|'.
	 */
	private static List<String> tableRows(String table, int cells) {
		List<String> rows = new ArrayList<>();
		for (String line : table.lines().toList()) {
			String[] cell = line.split("\\|");
			if (line.startsWith("|") && !line.startsWith("|--") && cell.length > cells && cell[1].trim()
				.matches("[0-9].*")) {
				rows.add(String.join("|", Arrays.stream(cell, 1, cells + 1).map(String::trim).toList()));
			}
		}
		return rows;
	}

	/**
	 * Returns the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->}, without code fences.
	 */
	private static String section(String name) throws IOException {
		String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
		Matcher matcher = Pattern.compile("<!-- " + name + ":begin -->\\n(?:```[a-z]+\\n)?(.*?)(?:```\\n)?<!-- " + name
				+ ":end -->", Pattern.DOTALL).matcher(document);
		assertThat(matcher.find()).as("section %s in %s", name, DOCUMENT.toAbsolutePath()).isTrue();
		return matcher.group(1);
	}

}
