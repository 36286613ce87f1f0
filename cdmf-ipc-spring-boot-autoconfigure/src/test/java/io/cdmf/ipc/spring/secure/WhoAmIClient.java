package io.cdmf.ipc.spring.secure;

import io.cdmf.ipc.spring.annotation.IpcClient;

/**
 * Calls {@link WhoAmI}; its endpoint comes from properties.
 */
@IpcClient(service = "WhoAmI", version = "1.0")
public interface WhoAmIClient extends WhoAmI {

}
