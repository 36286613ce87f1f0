package io.cdmf.ipc.sample.echo;

import io.cdmf.ipc.spring.annotation.IpcClient;

@IpcClient(endpoint = "unix:///tmp/echo.sock")
public interface EchoClient extends Echo {
}
