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

	private final @Nullable Boolean idempotent;

	private CallOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.priority = builder.priority;
		this.format = builder.format;
		this.contentType = builder.contentType;
		this.idempotent = builder.idempotent;
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
	 * Returns whether the call may run more than once without harm, so that a retry may send it to another endpoint
	 * after an attempt that may have run (see {@code docs/channels.md}, "When a request can run twice").
	 * @return {@code true} or {@code false} if the call says so, {@code null} for the channel's setting of the method
	 */
	public @Nullable Boolean getIdempotent() {
		return this.idempotent;
	}

	/**
	 * Builds {@link CallOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private MessagePriority priority = MessagePriority.NORMAL;

		private @Nullable SerializationFormat format;

		private String contentType = "";

		private @Nullable Boolean idempotent;

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
		 * Says whether the call may run more than once without harm; unset, the channel's setting of the method
		 * applies ({@code @Idempotent} on a typed method, {@code ChannelConfig.Builder.idempotentMethods}).
		 * @param idempotent whether the call is idempotent
		 * @return this builder
		 */
		public Builder idempotent(boolean idempotent) {
			this.idempotent = idempotent;
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
