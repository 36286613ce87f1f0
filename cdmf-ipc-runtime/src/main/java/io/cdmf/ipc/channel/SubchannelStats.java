package io.cdmf.ipc.channel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one endpoint of a channel.
 *
 * @param endpoint the endpoint URI
 * @param locality how near it is
 * @param weight its weight
 * @param state its state
 * @param connections connections open to it now
 * @param outstandingCalls calls sent to it without a result yet
 * @param picks calls the balancer sent to it since the channel started or was reset
 * @param failures calls to it that failed with a code that counts against an endpoint
 * @param consecutiveFailures such failures since its last success
 * @param ejections times it was ejected
 * @param ejectedUntil when its ejection ends, or {@code null} when it is not ejected
 * @param lastError the last failure of a connection or call, or {@code null}
 * @since 0.1.0
 */
public record SubchannelStats(String endpoint, Locality locality, int weight, SubchannelState state, int connections,
		int outstandingCalls, long picks, long failures, int consecutiveFailures, long ejections,
		@Nullable Instant ejectedUntil, @Nullable String lastError) {

}
