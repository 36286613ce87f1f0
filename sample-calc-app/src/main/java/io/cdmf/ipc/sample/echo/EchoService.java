package io.cdmf.ipc.sample.echo;

import io.cdmf.ipc.spring.annotation.IpcService;

@IpcService(endpoints = "unix:///tmp/echo.sock")
class EchoService implements Echo {
	public String echo(String text) {
		return text;
	}
}
