package io.cdmf.ipc.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportConfig;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint of a channel: how to reach it, its share of the calls and how near it is.
 *
 * @param transport the transport configuration of its connections
 * @param weight its relative share of the calls, at least 1
 * @param locality how near it is to the caller
 * @since 0.1.0
 */
public record ChannelEndpoint(TransportConfig transport, int weight, Locality locality) {

	/** Default weight of an endpoint. */
	public static final int DEFAULT_WEIGHT = 1;

	/** Largest weight an endpoint may have. */
	public static final int MAX_WEIGHT = 1_000;

	/** Endpoint URI option that sets the weight, such as {@code tcp://10.0.0.2:7070?weight=3}. */
	public static final String OPTION_WEIGHT = "weight";

	/** Endpoint URI option that sets the locality, such as {@code tcp://10.0.0.2:7070?locality=same-host}. */
	public static final String OPTION_LOCALITY = "locality";

	/**
	 * Checks the arguments.
	 * @param transport the transport configuration
	 * @param weight the weight
	 * @param locality the locality
	 */
	public ChannelEndpoint {
		Objects.requireNonNull(transport, "transport must not be null");
		Objects.requireNonNull(locality, "locality must not be null");
		if (weight < 1 || weight > MAX_WEIGHT) {
			throw new IllegalArgumentException("weight must be between 1 and " + MAX_WEIGHT + ": " + weight);
		}
	}

	/**
	 * Returns an endpoint from its URI; the options {@value #OPTION_WEIGHT} and {@value #OPTION_LOCALITY} set its
	 * weight and locality, else they are 1 and what {@link Locality#of} finds.
	 * @param uri the endpoint URI
	 * @return the endpoint
	 * @throws io.cdmf.ipc.InvalidEndpointException if the URI is not a valid endpoint
	 * @throws IllegalArgumentException if the weight or locality option is not valid
	 */
	public static ChannelEndpoint of(String uri) {
		return of(TransportConfig.of(uri));
	}

	/**
	 * Returns an endpoint for a transport configuration, with the weight and locality its options give.
	 * @param transport the transport configuration
	 * @return the endpoint
	 */
	public static ChannelEndpoint of(TransportConfig transport) {
		String weight = transport.option(OPTION_WEIGHT);
		String locality = transport.option(OPTION_LOCALITY);
		return new ChannelEndpoint(transport, (weight != null) ? parseWeight(weight) : DEFAULT_WEIGHT,
				(locality != null) ? Locality.parse(locality) : Locality.of(transport.endpoint()));
	}

	/**
	 * Parses a comma-separated list of endpoint URIs, such as {@code unix:///run/a.sock,tcp://10.0.0.2:7070}.
	 * @param uris the list; blanks around commas are ignored
	 * @return the endpoints, in order
	 * @throws IllegalArgumentException if the list is empty or names an endpoint twice
	 */
	public static List<ChannelEndpoint> parseList(String uris) {
		List<ChannelEndpoint> endpoints = new ArrayList<>();
		for (String part : uris.split(",")) {
			if (!part.isBlank()) {
				endpoints.add(of(part.trim()));
			}
		}
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("endpoint list must name at least one endpoint: '" + uris + "'");
		}
		return checkDistinct(endpoints);
	}

	/**
	 * Checks that no endpoint URI appears twice in a list.
	 * @param endpoints the endpoints
	 * @return the same list, unmodifiable
	 * @throws IllegalArgumentException naming the repeated URI
	 */
	public static List<ChannelEndpoint> checkDistinct(List<ChannelEndpoint> endpoints) {
		List<String> seen = new ArrayList<>();
		for (ChannelEndpoint endpoint : endpoints) {
			String uri = endpoint.uri();
			if (seen.contains(uri)) {
				throw new IllegalArgumentException("endpoint " + uri + " is listed twice");
			}
			seen.add(uri);
		}
		return List.copyOf(endpoints);
	}

	/**
	 * Returns the endpoint URI, which identifies the endpoint within its channel.
	 * @return the URI
	 */
	public String uri() {
		return this.transport.endpoint().uri();
	}

	/**
	 * Returns the parsed endpoint.
	 * @return the endpoint
	 */
	public EndpointUri endpoint() {
		return this.transport.endpoint();
	}

	/**
	 * Returns this endpoint with another weight.
	 * @param newWeight the weight
	 * @return the endpoint
	 */
	public ChannelEndpoint withWeight(int newWeight) {
		return new ChannelEndpoint(this.transport, newWeight, this.locality);
	}

	/**
	 * Returns this endpoint with another locality.
	 * @param newLocality the locality
	 * @return the endpoint
	 */
	public ChannelEndpoint withLocality(Locality newLocality) {
		return new ChannelEndpoint(this.transport, this.weight, newLocality);
	}

	private static int parseWeight(@Nullable String text) {
		try {
			return Integer.parseInt(String.valueOf(text).trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("weight must be a whole number between 1 and " + MAX_WEIGHT + ": '"
					+ text + "'", ex);
		}
	}

	@Override
	public String toString() {
		return uri() + ((this.weight != DEFAULT_WEIGHT) ? " (weight " + this.weight + ")" : "") + " [" + this.locality
				+ "]";
	}

}
