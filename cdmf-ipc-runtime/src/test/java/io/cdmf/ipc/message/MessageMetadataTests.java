package io.cdmf.ipc.message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The headers of {@link MessageMetadata}; its other fields are covered through {@link MessageTests} and the frame
 * codec tests.
 */
class MessageMetadataTests {

	private final MessageMetadata metadata = new MessageMetadata();

	@Test
	void shouldHaveNoHeadersUntilOneIsSet() {
		assertThat(this.metadata.getHeaders()).isEmpty();
		assertThat(this.metadata.hasHeaders()).isFalse();
		assertThat(this.metadata.getHeader("authorization")).isNull();
		assertThat(this.metadata.removeHeader("authorization").clearHeaders()).isSameAs(this.metadata);
		assertThat(this.metadata.getHeaders()).isEmpty();
	}

	@Test
	void shouldKeepHeadersInTheOrderTheyWereFirstSet() {
		this.metadata.setHeader("traceparent", "00-a-b-01").setHeader("authorization", "Bearer x").setHeader("tenant",
				"acme");

		this.metadata.setHeader("authorization", "Bearer y");

		assertThat(this.metadata.getHeaders()).containsExactly(entry("traceparent", "00-a-b-01"),
				entry("authorization", "Bearer y"), entry("tenant", "acme"));
		assertThat(this.metadata.getHeader("authorization")).isEqualTo("Bearer y");
		assertThat(this.metadata.hasHeaders()).isTrue();
	}

	@Test
	void shouldTreatNamesAsCaseSensitive() {
		this.metadata.setHeader("tenant", "a").setHeader("Tenant", "b");

		assertThat(this.metadata.getHeader("tenant")).isEqualTo("a");
		assertThat(this.metadata.getHeader("Tenant")).isEqualTo("b");
		assertThat(this.metadata.getHeader("TENANT")).isNull();
		assertThat(this.metadata.getHeaders()).hasSize(2);
	}

	@Test
	void shouldAcceptAnEmptyValue() {
		this.metadata.setHeader("x-flag", "");

		assertThat(this.metadata.getHeader("x-flag")).isEmpty();
		assertThat(this.metadata.hasHeaders()).isTrue();
	}

	@Test
	void shouldRemoveOneHeaderOrAll() {
		this.metadata.setHeader("a", "1").setHeader("b", "2").setHeader("c", "3");

		this.metadata.removeHeader("b").removeHeader("missing");
		assertThat(this.metadata.getHeaders()).containsExactly(entry("a", "1"), entry("c", "3"));

		this.metadata.clearHeaders();
		assertThat(this.metadata.getHeaders()).isEmpty();
		assertThat(this.metadata.hasHeaders()).isFalse();
	}

	@Test
	void shouldGiveAnUnmodifiableViewThatFollowsChanges() {
		this.metadata.setHeader("a", "1");
		Map<String, String> view = this.metadata.getHeaders();

		assertThatThrownBy(() -> view.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(view::clear).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> this.metadata.getHeaders().remove("a"))
			.isInstanceOf(UnsupportedOperationException.class);
		this.metadata.setHeader("b", "2");
		assertThat(view).containsExactly(entry("a", "1"), entry("b", "2"));
		assertThatThrownBy(() -> new MessageMetadata().getHeaders().put("a", "1"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldRejectAnEmptyName() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.metadata.setHeader("", "v"))
			.withMessage("header name must not be empty: ''");
		assertThat(this.metadata.hasHeaders()).isFalse();
	}

	@Test
	void shouldRejectNullNamesAndValuesNamingThem() {
		assertThatNullPointerException().isThrownBy(() -> this.metadata.setHeader(null, "v"))
			.withMessage("header name must not be null");
		assertThatNullPointerException().isThrownBy(() -> this.metadata.setHeader("tenant", null))
			.withMessage("value of header 'tenant' must not be null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "€", "😀" })
	void shouldAcceptNamesAndValuesUpTo65535Utf8Bytes(String unit) {
		String longest = longest(unit);

		this.metadata.setHeader(longest, longest);

		assertThat(this.metadata.getHeader(longest)).isEqualTo(longest);
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "€", "😀" })
	void shouldRejectNamesOver65535Utf8BytesNamingTheSize(String unit) {
		String tooLong = longest(unit) + "x";

		assertThatIllegalArgumentException().isThrownBy(() -> this.metadata.setHeader(tooLong, "v"))
			.withMessageStartingWith("header name must be at most 65535 UTF-8 bytes: 65536 (")
			.withMessageEndingWith("...')");
		assertThat(this.metadata.hasHeaders()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "€", "😀" })
	void shouldRejectValuesOver65535Utf8BytesWithoutQuotingThem(String unit) {
		String tooLong = longest(unit) + "x";

		assertThatIllegalArgumentException().isThrownBy(() -> this.metadata.setHeader("authorization", tooLong))
			.withMessage("value of header 'authorization' must be at most 65535 UTF-8 bytes: 65536");
		assertThat(this.metadata.getHeader("authorization")).isNull();
	}

	@Test
	void shouldCountALoneSurrogateAsTheOneByteItIsEncodedAs() {
		String value = "\uD800".repeat(MessageMetadata.MAX_STRING_BYTES);

		this.metadata.setHeader("odd", value);

		assertThat(this.metadata.getHeader("odd")).hasSize(MessageMetadata.MAX_STRING_BYTES);
	}

	@Test
	void shouldRefuseTheHeaderAfterTheMaximumButStillReplaceOnes() {
		for (int i = 0; i < MessageMetadata.MAX_HEADERS; i++) {
			this.metadata.setHeader(Integer.toString(i), "");
		}

		assertThatIllegalStateException().isThrownBy(() -> this.metadata.setHeader("one more", "v"))
			.withMessage("a message carries at most 65535 headers: cannot add header 'one more'");
		this.metadata.setHeader("0", "replaced");
		assertThat(this.metadata.getHeader("0")).isEqualTo("replaced");
		assertThat(this.metadata.getHeaders()).hasSize(MessageMetadata.MAX_HEADERS);
	}

	@Test
	void shouldShowHeaderNamesButNotValuesInToString() {
		this.metadata.setHeader("authorization", "Bearer secret-token").setHeader("tenant", "acme");

		assertThat(this.metadata.toString()).contains("headers=[authorization, tenant]")
			.doesNotContain("secret-token")
			.doesNotContain("acme");
		assertThat(new MessageMetadata().toString()).doesNotContain("headers");
	}

	/**
	 * Returns a string of exactly 65535 UTF-8 bytes made of a unit, padded with ASCII.
	 */
	private static String longest(String unit) {
		int bytes = unit.getBytes(StandardCharsets.UTF_8).length;
		return unit.repeat(MessageMetadata.MAX_STRING_BYTES / bytes)
				+ "x".repeat(MessageMetadata.MAX_STRING_BYTES % bytes);
	}

}
