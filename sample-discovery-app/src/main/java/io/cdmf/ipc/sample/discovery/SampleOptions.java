package io.cdmf.ipc.sample.discovery;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The command-line options of the sample's mains: {@code --name value} pairs and {@code --flag}s.
 *
 * @since 0.1.0
 */
final class SampleOptions {

	private final Map<String, String> values;

	private SampleOptions(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Reads the options.
	 * @param args the arguments, such as {@code --registry embedded:/tmp/r --rate 1000 --fail}
	 * @return the options
	 * @throws IllegalArgumentException for an argument that is not an option
	 */
	static SampleOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || args[i].length() == 2) {
				throw new IllegalArgumentException("expected an option such as --registry, not '" + args[i] + "'");
			}
			String name = args[i].substring(2);
			boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
			values.put(name, hasValue ? args[++i] : "true");
		}
		return new SampleOptions(values);
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	String get(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

	String require(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("option --" + name + " is required");
		}
		return value;
	}

	int getInt(String name, int defaultValue) {
		String value = this.values.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number: " + value, ex);
		}
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

}
