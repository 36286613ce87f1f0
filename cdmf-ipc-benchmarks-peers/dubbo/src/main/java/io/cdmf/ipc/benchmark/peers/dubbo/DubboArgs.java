package io.cdmf.ipc.benchmark.peers.dubbo;

import org.apache.dubbo.config.ApplicationConfig;

/**
 * The command line both Dubbo applications take: {@code --protocol=dubbo|tri} and {@code --port=N}.
 *
 * @param protocol the Dubbo protocol name
 * @param port the server's port
 */
record DubboArgs(String protocol, int port) {

	/** The clients' call timeout: the starter's default request timeout. */
	static final int TIMEOUT_MILLIS = 30_000;

	static DubboArgs parse(String[] args) {
		String protocol = "dubbo";
		int port = 20880;
		for (String arg : args) {
			if (arg.startsWith("--protocol=")) {
				protocol = arg.substring("--protocol=".length());
			}
			else if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
			else {
				throw new IllegalArgumentException("unknown argument '" + arg + "'; expected --protocol=, --port=");
			}
		}
		return new DubboArgs(protocol, port);
	}

	/**
	 * Returns the application's configuration: Dubbo's defaults but the QoS console, which would make server and
	 * client on one host fight for its port 22222.
	 * @param name the application name
	 * @return the configuration
	 */
	static ApplicationConfig application(String name) {
		ApplicationConfig application = new ApplicationConfig(name);
		application.setQosEnable(false);
		return application;
	}

}
