package io.cdmf.ipc.serialization.msgpack;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link MessagePackStructureCheck}.
 */
class MessagePackStructureCheckTests {

	@ParameterizedTest
	@ValueSource(strings = { "c0", "01", "a3616263", "93a1610190", "82a16101a16292c3c2", "d6ff00000001", "90", "80" })
	void shouldAcceptOneCompleteValue(String hex) throws Exception {
		assertThat(check(HexFormat.of().parseHex(hex))).isNull();
	}

	@Test
	void shouldCheckOnlyTheGivenRange() throws Exception {
		byte[] array = HexFormat.of().parseHex("ff01ff");
		assertThat(MessagePackStructureCheck.check(array, 1, 1)).isNull();
	}

	@Test
	void whenContentFollowsTheValueThenReportsIt() throws Exception {
		assertThat(check(HexFormat.of().parseHex("0102"))).isEqualTo("content follows the value at byte 1 of 2");
	}

	@Test
	void shouldAcceptNestingUpToTheLimit() throws Exception {
		assertThat(check(nestedArrays(MessagePackStructureCheck.MAX_NESTING_DEPTH))).isNull();
	}

	@Test
	void whenNestedDeeperThanTheLimitThenReportsIt() throws Exception {
		assertThat(check(nestedArrays(MessagePackStructureCheck.MAX_NESTING_DEPTH + 1)))
			.isEqualTo("arrays and maps are nested deeper than 500");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "93a161", "dbffffffff61", "dd7fffffff", "c1", "c7ff01", "81a161" })
	void whenTruncatedOrMalformedThenThrows(String hex) {
		assertThatException().isThrownBy(() -> check(HexFormat.of().parseHex(hex)));
	}

	private static String check(byte[] bytes) throws Exception {
		return MessagePackStructureCheck.check(bytes, 0, bytes.length);
	}

	private static byte[] nestedArrays(int depth) {
		byte[] bytes = new byte[depth + 1];
		Arrays.fill(bytes, 0, depth, (byte) 0x91);
		bytes[depth] = 0x01;
		return bytes;
	}

}
