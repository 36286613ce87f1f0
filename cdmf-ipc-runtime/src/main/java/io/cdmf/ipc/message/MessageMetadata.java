package io.cdmf.ipc.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The routing and call part of a message: endpoints, subject (the method name), content type, deadline, retry
 * counts and headers.
 * <p>
 * <strong>Headers</strong> are string name/value pairs that interceptors and applications attach to a message: a
 * bearer token ({@code authorization}), W3C trace context ({@code traceparent}, {@code tracestate}), a tenant id.
 * They keep the order they were first set in, and every transport carries them (see {@code docs/wire-format.md}).
 * Names are case-sensitive; by convention they are lower case, as in HTTP/2 and gRPC, so that they survive a trip
 * through gRPC metadata unchanged. A name is 1 to {@value #MAX_STRING_BYTES} UTF-8 bytes, a value 0 to
 * {@value #MAX_STRING_BYTES}, and a message carries at most {@value #MAX_HEADERS} headers. A message without headers
 * carries no map at all: the map is made by the first {@link #setHeader}.
 * <p>
 * Not thread-safe: it belongs to its message.
 *
 * @since 0.1.0
 */
public final class MessageMetadata {

	/** Longest string field, in UTF-8 bytes (the frame stores each length in 16 bits). */
	public static final int MAX_STRING_BYTES = 0xFFFF;

	/** Most headers one message carries (the frame stores their count in 16 bits). */
	public static final int MAX_HEADERS = 0xFFFF;

	/** Longest header name quoted in an exception message, in chars. */
	private static final int QUOTED_NAME_LENGTH = 64;

	private String sourceEndpoint = "";

	private String destinationEndpoint = "";

	private String subject = "";

	private String contentType = "";

	private long expirationMillis;

	private int retryCount;

	private int maxRetries;

	// Both made on the first setHeader and then kept, even when emptied, so that a message a decoder fills again and
	// again reuses them; null until then, so that a message without headers costs nothing.

	private @Nullable Map<String, String> headers;

	private @Nullable Map<String, String> headersView;

	/**
	 * Returns the endpoint of the sender.
	 * @return the source endpoint, empty if unknown
	 */
	public String getSourceEndpoint() {
		return this.sourceEndpoint;
	}

	/**
	 * Sets the endpoint of the sender.
	 * @param sourceEndpoint the endpoint URI
	 * @return this metadata
	 */
	public MessageMetadata setSourceEndpoint(String sourceEndpoint) {
		this.sourceEndpoint = Objects.requireNonNull(sourceEndpoint, "sourceEndpoint must not be null");
		return this;
	}

	/**
	 * Returns the endpoint of the receiver.
	 * @return the destination endpoint, empty if unknown
	 */
	public String getDestinationEndpoint() {
		return this.destinationEndpoint;
	}

	/**
	 * Sets the endpoint of the receiver.
	 * @param destinationEndpoint the endpoint URI
	 * @return this metadata
	 */
	public MessageMetadata setDestinationEndpoint(String destinationEndpoint) {
		this.destinationEndpoint = Objects.requireNonNull(destinationEndpoint,
				"destinationEndpoint must not be null");
		return this;
	}

	/**
	 * Returns the subject: for requests, the name of the method to call.
	 * @return the subject
	 */
	public String getSubject() {
		return this.subject;
	}

	/**
	 * Sets the subject.
	 * @param subject the method name or event subject
	 * @return this metadata
	 */
	public MessageMetadata setSubject(String subject) {
		this.subject = Objects.requireNonNull(subject, "subject must not be null");
		return this;
	}

	/**
	 * Returns the MIME content type of the payload.
	 * @return the content type, empty when the serialization format says enough
	 */
	public String getContentType() {
		return this.contentType;
	}

	/**
	 * Sets the MIME content type of the payload.
	 * @param contentType the content type
	 * @return this metadata
	 */
	public MessageMetadata setContentType(String contentType) {
		this.contentType = Objects.requireNonNull(contentType, "contentType must not be null");
		return this;
	}

	/**
	 * Returns the deadline of the message in milliseconds since the epoch.
	 * @return the deadline, 0 for none
	 */
	public long getExpirationMillis() {
		return this.expirationMillis;
	}

	/**
	 * Sets the deadline.
	 * @param expirationMillis milliseconds since the epoch, 0 for none
	 * @return this metadata
	 */
	public MessageMetadata setExpirationMillis(long expirationMillis) {
		if (expirationMillis < 0) {
			throw new IllegalArgumentException("expirationMillis must not be negative: " + expirationMillis);
		}
		this.expirationMillis = expirationMillis;
		return this;
	}

	/**
	 * Returns whether the deadline has passed.
	 * @param nowMillis the current time in milliseconds since the epoch
	 * @return whether there is a deadline and it is not after {@code nowMillis}
	 */
	public boolean isExpired(long nowMillis) {
		return this.expirationMillis != 0 && this.expirationMillis <= nowMillis;
	}

	/**
	 * Returns how many times this request was sent before.
	 * @return the retry count
	 */
	public int getRetryCount() {
		return this.retryCount;
	}

	/**
	 * Sets how many times this request was sent before.
	 * @param retryCount 0 to 65535
	 * @return this metadata
	 */
	public MessageMetadata setRetryCount(int retryCount) {
		this.retryCount = checkUnsigned16("retryCount", retryCount);
		return this;
	}

	/**
	 * Returns how many times the sender may send this request again.
	 * @return the maximum number of retries
	 */
	public int getMaxRetries() {
		return this.maxRetries;
	}

	/**
	 * Sets how many times the sender may send this request again.
	 * @param maxRetries 0 to 65535
	 * @return this metadata
	 */
	public MessageMetadata setMaxRetries(int maxRetries) {
		this.maxRetries = checkUnsigned16("maxRetries", maxRetries);
		return this;
	}

	/**
	 * Returns the headers, in the order they were first set.
	 * @return an unmodifiable map, empty when there are none; once a header was set, a view that follows later
	 * changes to this metadata
	 */
	public Map<String, String> getHeaders() {
		Map<String, String> view = this.headersView;
		return (view != null) ? view : Collections.emptyMap();
	}

	/**
	 * Returns whether there is at least one header: what decides whether a frame carries its headers section.
	 * @return whether there are headers
	 */
	public boolean hasHeaders() {
		Map<String, String> current = this.headers;
		return current != null && !current.isEmpty();
	}

	/**
	 * Returns the value of a header.
	 * @param name the header name, case-sensitive
	 * @return the value, or {@code null} if there is no such header
	 */
	public @Nullable String getHeader(String name) {
		Map<String, String> current = this.headers;
		return (current != null) ? current.get(name) : null;
	}

	/**
	 * Sets a header, replacing any value it had; a new header goes after the others, a replaced one keeps its place.
	 * @param name the header name: 1 to {@value #MAX_STRING_BYTES} UTF-8 bytes, case-sensitive, lower case by
	 * convention
	 * @param value the value: 0 to {@value #MAX_STRING_BYTES} UTF-8 bytes
	 * @return this metadata
	 * @throws IllegalArgumentException if the name is empty, or the name or value is too long
	 * @throws IllegalStateException if the header is new and there are {@value #MAX_HEADERS} already
	 */
	public MessageMetadata setHeader(String name, String value) {
		checkHeaderName(name);
		if (value == null) {
			throw new NullPointerException("value of header '" + quote(name) + "' must not be null");
		}
		int valueBytes = utf8LengthIfLong(value);
		if (valueBytes > MAX_STRING_BYTES) {
			// The value itself is left out of the message: it may be a credential, and it is long.
			throw new IllegalArgumentException("value of header '" + quote(name) + "' must be at most "
					+ MAX_STRING_BYTES + " UTF-8 bytes: " + valueBytes);
		}
		Map<String, String> current = this.headers;
		if (current == null) {
			current = new LinkedHashMap<>();
			this.headers = current;
			this.headersView = Collections.unmodifiableMap(current);
		}
		else if (current.size() >= MAX_HEADERS && !current.containsKey(name)) {
			throw new IllegalStateException("a message carries at most " + MAX_HEADERS
					+ " headers: cannot add header '" + quote(name) + "'");
		}
		current.put(name, value);
		return this;
	}

	/**
	 * Removes a header.
	 * @param name the header name, case-sensitive
	 * @return this metadata
	 */
	public MessageMetadata removeHeader(String name) {
		Map<String, String> current = this.headers;
		if (current != null) {
			current.remove(name);
		}
		return this;
	}

	/**
	 * Removes every header; what a decoder filling a reused message calls for a frame without headers.
	 * @return this metadata
	 */
	public MessageMetadata clearHeaders() {
		Map<String, String> current = this.headers;
		if (current != null) {
			current.clear();
		}
		return this;
	}

	private static void checkHeaderName(String name) {
		if (name == null) {
			throw new NullPointerException("header name must not be null");
		}
		if (name.isEmpty()) {
			throw new IllegalArgumentException("header name must not be empty: ''");
		}
		int nameBytes = utf8LengthIfLong(name);
		if (nameBytes > MAX_STRING_BYTES) {
			throw new IllegalArgumentException("header name must be at most " + MAX_STRING_BYTES
					+ " UTF-8 bytes: " + nameBytes + " ('" + quote(name) + "')");
		}
	}

	/**
	 * Returns the UTF-8 length of a string that may be longer than {@link #MAX_STRING_BYTES}, or 0 for one too short
	 * to be (a char is at most 3 UTF-8 bytes), so that short strings, nearly all of them, are not measured. Counted
	 * as {@link String#getBytes} would encode it, but without making the bytes.
	 */
	private static int utf8LengthIfLong(String value) {
		int length = value.length();
		if (length <= MAX_STRING_BYTES / 3) {
			return 0;
		}
		long bytes = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (!Character.isSurrogate(c)) {
				bytes += 3;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				// A lone surrogate is encoded as '?'.
				bytes++;
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	private static String quote(String name) {
		return (name.length() <= QUOTED_NAME_LENGTH) ? name : name.substring(0, QUOTED_NAME_LENGTH) + "...";
	}

	private static int checkUnsigned16(String name, int value) {
		if (value < 0 || value > 0xFFFF) {
			throw new IllegalArgumentException(name + " must be 0 to 65535: " + value);
		}
		return value;
	}

	void copyFrom(MessageMetadata other) {
		this.sourceEndpoint = other.sourceEndpoint;
		this.destinationEndpoint = other.destinationEndpoint;
		this.subject = other.subject;
		this.contentType = other.contentType;
		this.expirationMillis = other.expirationMillis;
		this.retryCount = other.retryCount;
		this.maxRetries = other.maxRetries;
		Map<String, String> theirs = other.headers;
		if (theirs != null && !theirs.isEmpty()) {
			Map<String, String> current = this.headers;
			if (current == null) {
				current = new LinkedHashMap<>(theirs);
				this.headers = current;
				this.headersView = Collections.unmodifiableMap(current);
			}
			else {
				current.clear();
				current.putAll(theirs);
			}
		}
		else {
			clearHeaders();
		}
	}

	/**
	 * Returns the fields for logs; of the headers only the names, as values may be credentials.
	 * @return the text
	 */
	@Override
	public String toString() {
		return "MessageMetadata[source=" + this.sourceEndpoint + ", destination=" + this.destinationEndpoint
				+ ", subject=" + this.subject + ", contentType=" + this.contentType + ", expiration="
				+ this.expirationMillis + ", retry=" + this.retryCount + "/" + this.maxRetries
				+ (hasHeaders() ? ", headers=" + getHeaders().keySet() : "") + "]";
	}

}
