package io.cdmf.ipc.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which versions of a service a client accepts. A version is dot-separated whole numbers with an optional qualifier
 * after a {@code -} ({@code 1.4.2}, {@code 2.0.0-rc1}); a version with a qualifier sorts before the same numbers
 * without one, and missing numbers count as 0 ({@code 1.0} equals {@code 1.0.0}).
 * <ul>
 * <li>{@code ""}, {@code *} or {@code null}: any version.</li>
 * <li>A plain version is a prefix: {@code 1.0} accepts {@code 1.0}, {@code 1.0.0} and {@code 1.0.7}, not
 * {@code 1.1} or {@code 10.0}; {@code 1} accepts every {@code 1.x}; {@code 1.0.0} accepts {@code 1.0.0} (and
 * {@code 1.0.0-rc1}, whose numbers are the same).</li>
 * <li>A range in interval notation: {@code [1.0,2.0)} accepts 1.0 up to, not including, 2.0; {@code (1.0,2.0]}
 * excludes 1.0 and includes 2.0; a missing bound is open, as in {@code [1.2,)}.</li>
 * </ul>
 * A registered version that is not of this form (such as {@code beta}) is accepted only by "any version"; a
 * requirement must be made of versions. Instances of a version the range does not accept are never picked.
 *
 * @since 0.1.0
 */
public final class VersionRange {

	/** Accepts every version. */
	public static final VersionRange ANY = new VersionRange("*", null, null, true, true, null);

	private final String text;

	private final @Nullable Version lower;

	private final @Nullable Version upper;

	private final boolean lowerInclusive;

	private final boolean upperInclusive;

	private final @Nullable Version prefix;

	private VersionRange(String text, @Nullable Version lower, @Nullable Version upper, boolean lowerInclusive,
			boolean upperInclusive, @Nullable Version prefix) {
		this.text = text;
		this.lower = lower;
		this.upper = upper;
		this.lowerInclusive = lowerInclusive;
		this.upperInclusive = upperInclusive;
		this.prefix = prefix;
	}

	/**
	 * Parses a version requirement.
	 * @param spec a version, a range, or {@code ""}/{@code *}/{@code null} for any
	 * @return the range
	 * @throws IllegalArgumentException if the text is neither a version nor a range, or a range is empty
	 */
	public static VersionRange parse(@Nullable String spec) {
		String text = (spec != null) ? spec.trim() : "";
		if (text.isEmpty() || text.equals("*")) {
			return ANY;
		}
		char first = text.charAt(0);
		if (first != '[' && first != '(') {
			return new VersionRange(text, null, null, true, true, parseVersion(text, text));
		}
		char last = text.charAt(text.length() - 1);
		int comma = text.indexOf(',');
		if ((last != ']' && last != ')') || comma < 0 || comma != text.lastIndexOf(',')) {
			throw new IllegalArgumentException("version range must look like [1.0,2.0) or [1.2,): '" + text + "'");
		}
		String low = text.substring(1, comma).trim();
		String high = text.substring(comma + 1, text.length() - 1).trim();
		Version lower = low.isEmpty() ? null : parseVersion(low, text);
		Version upper = high.isEmpty() ? null : parseVersion(high, text);
		if (lower != null && upper != null) {
			int order = lower.compareTo(upper);
			if (order > 0 || (order == 0 && (first == '(' || last == ')'))) {
				throw new IllegalArgumentException("version range accepts no version: '" + text + "'");
			}
		}
		return new VersionRange(text, lower, upper, first == '[', last == ']', null);
	}

	/**
	 * Returns whether a registered version is accepted.
	 * @param version the version an instance registered with
	 * @return whether a client with this requirement may call it
	 */
	public boolean matches(@Nullable String version) {
		if (this == ANY) {
			return true;
		}
		String candidate = (version != null) ? version.trim() : "";
		Version parsed = Version.tryParse(candidate);
		if (parsed == null) {
			return false;
		}
		Version required = this.prefix;
		if (required != null) {
			return parsed.startsWith(required);
		}
		Version low = this.lower;
		if (low != null) {
			int order = parsed.compareTo(low);
			if (order < 0 || (order == 0 && !this.lowerInclusive)) {
				return false;
			}
		}
		Version high = this.upper;
		if (high != null) {
			int order = parsed.compareTo(high);
			return order < 0 || (order == 0 && this.upperInclusive);
		}
		return true;
	}

	/**
	 * Returns whether this range accepts every version.
	 * @return whether it is {@link #ANY}
	 */
	public boolean isAny() {
		return this == ANY;
	}

	private static Version parseVersion(String version, String spec) {
		Version parsed = Version.tryParse(version);
		if (parsed == null) {
			throw new IllegalArgumentException("'" + version + "' in version requirement '" + spec
					+ "' is not a version such as 1.0 or 1.2.3-rc1");
		}
		return parsed;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof VersionRange range && range.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	/**
	 * Returns the requirement as written, {@code *} for any.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.text;
	}

	/** A parsed version: its numbers and qualifier. */
	private record Version(List<Long> numbers, String qualifier) implements Comparable<Version> {

		static @Nullable Version tryParse(String text) {
			int dash = text.indexOf('-');
			String numberPart = (dash >= 0) ? text.substring(0, dash) : text;
			String qualifier = (dash >= 0) ? text.substring(dash + 1) : "";
			if (numberPart.isEmpty() || (dash >= 0 && qualifier.isEmpty())) {
				return null;
			}
			List<Long> numbers = new ArrayList<>();
			for (String part : numberPart.split("\\.", -1)) {
				if (part.isEmpty() || part.length() > 18 || !part.chars().allMatch(Character::isDigit)) {
					return null;
				}
				numbers.add(Long.parseLong(part));
			}
			return new Version(List.copyOf(numbers), qualifier);
		}

		boolean startsWith(Version required) {
			if (required.numbers.size() > this.numbers.size()) {
				return false;
			}
			for (int i = 0; i < required.numbers.size(); i++) {
				if (!Objects.equals(required.numbers.get(i), this.numbers.get(i))) {
					return false;
				}
			}
			return required.qualifier.isEmpty() || required.qualifier.equals(this.qualifier);
		}

		@Override
		public int compareTo(Version other) {
			int length = Math.max(this.numbers.size(), other.numbers.size());
			for (int i = 0; i < length; i++) {
				long mine = (i < this.numbers.size()) ? this.numbers.get(i) : 0;
				long theirs = (i < other.numbers.size()) ? other.numbers.get(i) : 0;
				if (mine != theirs) {
					return Long.compare(mine, theirs);
				}
			}
			if (this.qualifier.isEmpty() || other.qualifier.isEmpty()) {
				// A release sorts after its pre-releases.
				return Boolean.compare(this.qualifier.isEmpty(), other.qualifier.isEmpty());
			}
			return this.qualifier.compareTo(other.qualifier);
		}

	}

}
