package io.cdmf.ipc.spring.server;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.StubConfig;

/**
 * How one service is served once annotation, properties and customizers are applied.
 *
 * @param stub the stub's configuration: name, version, endpoints, limits, grace period
 * @param format the format the contract is checked against
 * @since 0.1.0
 */
public record IpcServiceConfig(StubConfig stub, SerializationFormat format) {

}
