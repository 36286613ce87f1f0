package io.cdmf.ipc.benchmark.boot.server;

import io.cdmf.ipc.benchmark.boot.Echo;
import io.cdmf.ipc.spring.annotation.IpcService;

/**
 * The service, as a user writes it: its endpoints come from
 * {@code cdmf.ipc.server.services.Echo.endpoints}.
 *
 * @since 0.1.0
 */
@IpcService
class EchoService implements Echo {

	@Override
	public byte[] echo(byte[] payload) {
		return payload;
	}

}
