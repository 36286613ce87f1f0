/**
 * Client channels: one call interface over the endpoints of a service, with load balancing, endpoint health,
 * circuit breaking, retries and pooled connections; {@link io.cdmf.ipc.channel.ManagedChannel} is the entry point.
 */
@NullMarked
package io.cdmf.ipc.channel;

import org.jspecify.annotations.NullMarked;
