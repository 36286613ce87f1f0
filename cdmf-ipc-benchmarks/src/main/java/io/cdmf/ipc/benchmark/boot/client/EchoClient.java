package io.cdmf.ipc.benchmark.boot.client;

import io.cdmf.ipc.benchmark.boot.Echo;
import io.cdmf.ipc.spring.annotation.IpcClient;

/**
 * The client, as a user writes it: its endpoint comes from {@code cdmf.ipc.client.services.Echo.endpoint}.
 *
 * @since 0.1.0
 */
@IpcClient
interface EchoClient extends Echo {

}
