package io.cdmf.ipc.factory;

import java.util.List;
import java.util.Objects;

import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Which of an instance's endpoints a client takes, and why.
 *
 * @param instance the instance
 * @param endpoint the endpoint URI taken, or {@code null} when none can be used
 * @param locality how near the instance is
 * @param reason why this endpoint (or why none), for logs and the actuator
 * @param skipped the endpoints passed over before it, each with the reason
 * @since 0.1.0
 */
public record TransportChoice(ServiceEndpoint instance, @Nullable String endpoint, Locality locality, String reason,
		List<String> skipped) {

	/**
	 * Checks the arguments and copies the list.
	 * @param instance the instance
	 * @param endpoint the endpoint, or {@code null}
	 * @param locality the locality
	 * @param reason the reason
	 * @param skipped the skipped endpoints
	 */
	public TransportChoice {
		Objects.requireNonNull(instance, "instance must not be null");
		Objects.requireNonNull(locality, "locality must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		skipped = List.copyOf(skipped);
	}

	/**
	 * Returns whether an endpoint was found.
	 * @return whether {@link #endpoint()} is set
	 */
	public boolean isUsable() {
		return this.endpoint != null;
	}

	@Override
	public String toString() {
		return this.instance.instanceId() + " -> " + ((this.endpoint != null) ? this.endpoint : "none") + " ("
				+ this.reason + ")";
	}

}
