package io.cdmf.ipc.discovery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionRangeTests {

	@ParameterizedTest
	@CsvSource({ "1.0, 1.0, true", "1.0, 1.0.0, true", "1.0, 1.0.7, true", "1.0, 1.0.7-rc1, true", "1.0, 1.1, false",
			"1.0, 10.0, false", "1.0, 1, false", "1, 1.9.3, true", "1, 2.0, false", "1.0.0, 1.0.0, true",
			"1.0.0, 1.0.1, false", "'[1.0,2.0)', 1.0, true", "'[1.0,2.0)', 1.9.99, true", "'[1.0,2.0)', 2.0, false",
			"'[1.0,2.0)', 2.0.0-rc1, true", "'[1.0,2.0)', 0.9, false", "'(1.0,2.0]', 1.0, false",
			"'(1.0,2.0]', 1.0.1, true", "'(1.0,2.0]', 2.0.0, true", "'[1.2,)', 7.0, true", "'[1.2,)', 1.1.9, false",
			"'(,2.0)', 0.1, true", "'(,2.0)', 2.0, false", "'[1.0,2.0)', beta, false", "1.0, '', false",
			"'[1.0,2.0)', 1.0.0-SNAPSHOT, false" })
	void matchesAsDocumented(String spec, String version, boolean expected) {
		assertThat(VersionRange.parse(spec).matches(version)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*", "  " })
	void blankOrStarIsAny(String spec) {
		VersionRange range = VersionRange.parse(spec);
		assertThat(range.isAny()).isTrue();
		assertThat(range.matches("0.0.1")).isTrue();
		assertThat(range.matches("")).isTrue();
		assertThat(range.matches("anything")).isTrue();
	}

	@Test
	void nullIsAny() {
		assertThat(VersionRange.parse(null)).isSameAs(VersionRange.ANY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1.0", "[1.0,2.0", "[a,2.0)", "[2.0,1.0)", "[1.0,1.0)", "(1.0,1.0]", "[1,2,3]",
			"1..0", "1.0-", "-rc1", "[1.0;2.0)" })
	void rejectsMalformedRequirements(String spec) {
		assertThatIllegalArgumentException().isThrownBy(() -> VersionRange.parse(spec)).withMessageContaining(spec);
	}

	@Test
	void requirementMustBeMadeOfVersions() {
		assertThatIllegalArgumentException().isThrownBy(() -> VersionRange.parse("beta"));
		assertThatIllegalArgumentException().isThrownBy(() -> VersionRange.parse("[beta,)"));
		assertThat(VersionRange.parse("[1.0,1.0]").matches("1.0.0")).isTrue();
	}

	@Test
	void equalityFollowsTheText() {
		assertThat(VersionRange.parse("1.0")).isEqualTo(VersionRange.parse(" 1.0 ")).hasToString("1.0");
		assertThat(VersionRange.parse("1.0")).isNotEqualTo(VersionRange.parse("1.0.0"));
	}

}
