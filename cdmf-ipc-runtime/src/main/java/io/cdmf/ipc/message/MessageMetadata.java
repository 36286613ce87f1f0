package io.cdmf.ipc.message;

import java.util.Objects;

/**
 * The routing and call part of a message: endpoints, subject (the method name), content type, deadline and retry
 * counts.
 * <p>
 * Not thread-safe: it belongs to its message.
 *
 * @since 0.1.0
 */
public final class MessageMetadata {

	/** Longest string field, in UTF-8 bytes (the frame stores each length in 16 bits). */
	public static final int MAX_STRING_BYTES = 0xFFFF;

	private String sourceEndpoint = "";

	private String destinationEndpoint = "";

	private String subject = "";

	private String contentType = "";

	private long expirationMillis;

	private int retryCount;

	private int maxRetries;

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
	}

	@Override
	public String toString() {
		return "MessageMetadata[source=" + this.sourceEndpoint + ", destination=" + this.destinationEndpoint
				+ ", subject=" + this.subject + ", contentType=" + this.contentType + ", expiration="
				+ this.expirationMillis + ", retry=" + this.retryCount + "/" + this.maxRetries + "]";
	}

}
