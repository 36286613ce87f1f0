package io.cdmf.ipc.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Top-level properties of CDMF IPC ({@code cdmf.ipc.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("cdmf.ipc")
public class IpcProperties {

	/**
	 * Whether CDMF IPC is auto-configured: services served, clients created.
	 */
	private boolean enabled = true;

	/**
	 * Returns whether CDMF IPC is auto-configured.
	 * @return whether enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether CDMF IPC is auto-configured.
	 * @param enabled whether enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
