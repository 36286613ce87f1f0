package io.cdmf.ipc.rpc;

import java.time.Duration;
import java.util.Objects;

import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.SerializationFormat;
import org.jspecify.annotations.Nullable;

/**
 * Per-call settings that override the proxy's defaults. Immutable; build with {@link #custom()}.
 *
 * @since 0.1.0
 */
public final class CallOptions {

	/** Options that change nothing: the proxy's defaults apply. */
	public static final CallOptions DEFAULTS = custom().build();

	private final @Nullable Duration timeout;

	private final MessagePriority priority;

	private final @Nullable SerializationFormat format;

	private final String contentType;

	private CallOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.priority = builder.priority;
		this.format = builder.format;
		this.contentType = builder.contentType;
	}

	/**
	 * Returns options with a timeout.
	 * @param timeout how long one attempt waits for its response
	 * @return the options
	 */
	public static CallOptions timeout(Duration timeout) {
		return custom().timeout(timeout).build();
	}

	/**
	 * Returns a builder.
	 * @return the builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * Returns the timeout of one attempt.
	 * @return the timeout, or {@code null} for the proxy's default
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Returns the priority written in the request.
	 * @return the priority
	 */
	public MessagePriority getPriority() {
		return this.priority;
	}

	/**
	 * Returns the format declared for the request payload.
	 * @return the format, or {@code null} for the proxy's default
	 */
	public @Nullable SerializationFormat getFormat() {
		return this.format;
	}

	/**
	 * Returns the content type written in the request.
	 * @return the content type, empty for none
	 */
	public String getContentType() {
		return this.contentType;
	}

	/**
	 * Builds {@link CallOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private MessagePriority priority = MessagePriority.NORMAL;

		private @Nullable SerializationFormat format;

		private String contentType = "";

		private Builder() {
		}

		/**
		 * Sets how long one attempt waits for its response.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = ProxyConfig.positive("timeout", timeout);
			return this;
		}

		/**
		 * Sets the priority.
		 * @param priority the priority
		 * @return this builder
		 */
		public Builder priority(MessagePriority priority) {
			this.priority = Objects.requireNonNull(priority, "priority must not be null");
			return this;
		}

		/**
		 * Sets the format declared for the request payload.
		 * @param format the format
		 * @return this builder
		 */
		public Builder format(SerializationFormat format) {
			this.format = Objects.requireNonNull(format, "format must not be null");
			return this;
		}

		/**
		 * Sets the content type written in the request.
		 * @param contentType the MIME type
		 * @return this builder
		 */
		public Builder contentType(String contentType) {
			this.contentType = Objects.requireNonNull(contentType, "contentType must not be null");
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public CallOptions build() {
			return new CallOptions(this);
		}

	}

}
