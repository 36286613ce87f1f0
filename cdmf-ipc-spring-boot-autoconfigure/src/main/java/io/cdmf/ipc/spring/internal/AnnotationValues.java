package io.cdmf.ipc.spring.internal;

import java.time.Duration;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.spring.IpcConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the optional attributes of {@code @IpcService} and {@code @IpcClient}: an empty value means "not set".
 */
public final class AnnotationValues {

	private AnnotationValues() {
	}

	/**
	 * Reads a duration attribute.
	 * @param value the attribute, such as {@code 2s}, {@code 500ms} or {@code PT2S}
	 * @param attribute where it was written, for the error message
	 * @return the duration, or {@code null} if empty
	 * @throws IpcConfigurationException if the value is not a positive duration
	 */
	public static @Nullable Duration duration(String value, String attribute) {
		if (value.isBlank()) {
			return null;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value.trim());
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("must be positive");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new IpcConfigurationException(attribute, value, attribute + " is not a positive duration: '"
					+ value + "'", "Write a duration such as 500ms, 2s or PT2S.", ex);
		}
	}

	/**
	 * Reads a format attribute.
	 * @param formats the attribute's values
	 * @param attribute where it was written, for the error message
	 * @return the format, or {@code null} if none was given
	 * @throws IpcConfigurationException if more than one was given
	 */
	public static @Nullable SerializationFormat format(SerializationFormat[] formats, String attribute) {
		if (formats.length > 1) {
			throw new IpcConfigurationException(attribute, java.util.Arrays.toString(formats),
					attribute + " names " + formats.length + " formats", "Give exactly one format.", null);
		}
		return (formats.length == 1) ? formats[0] : null;
	}

}
