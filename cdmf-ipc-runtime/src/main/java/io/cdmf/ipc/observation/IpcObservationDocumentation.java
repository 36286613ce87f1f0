package io.cdmf.ipc.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of CDMF IPC calls: their names, and the keys of their tags. The names are those of the call
 * timers, so that Micrometer's meter handler makes the same {@code cdmf.ipc.client.calls} and
 * {@code cdmf.ipc.server.calls} timers as the plain call listeners do.
 *
 * @since 0.1.0
 */
public enum IpcObservationDocumentation implements ObservationDocumentation {

	/**
	 * A call made by a client: one per call, after its last attempt (retries are inside it), and one per one-way
	 * send. Kind {@code CLIENT}, or {@code PRODUCER} for a one-way send.
	 */
	CLIENT_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultIpcClientObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.ENDPOINT, HighCardinalityKeys.ATTEMPTS };
		}

	},

	/**
	 * A request served by a service: answered, refused or expired. Kind {@code SERVER}, or {@code CONSUMER} for a
	 * one-way request (an event).
	 */
	SERVER_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultIpcServerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.PEER };
		}

	};

	/** The name of the client observation and timer. */
	public static final String CLIENT_CALLS = "cdmf.ipc.client.calls";

	/** The name of the server observation and timer. */
	public static final String SERVER_CALLS = "cdmf.ipc.server.calls";

	/**
	 * Tags of both observations, on metrics and spans. The {@code error} tag is added by Micrometer's meter handler
	 * ({@code none}, or the simple name of the {@link io.cdmf.ipc.IpcException} subclass that stands for the
	 * outcome).
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The service's name. */
		SERVICE {
			@Override
			public String asString() {
				return "service";
			}
		},

		/** The remote method's name ({@code UNKNOWN} on the server for a method the service does not have). */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** The transport's URI scheme, such as {@code unix} or {@code shm}. */
		TRANSPORT {
			@Override
			public String asString() {
				return "transport";
			}
		},

		/** The outcome, {@code OK} or an error code such as {@code TIMEOUT}; set once the call has ended. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * Tags on spans only.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/** The endpoint URI the client's last attempt went to. */
		ENDPOINT {
			@Override
			public String asString() {
				return "cdmf.ipc.endpoint";
			}
		},

		/** How many attempts the client sent. */
		ATTEMPTS {
			@Override
			public String asString() {
				return "cdmf.ipc.attempts";
			}
		},

		/** Who sent the request, as the operating system or TLS tells it. */
		PEER {
			@Override
			public String asString() {
				return "cdmf.ipc.peer";
			}
		}

	}

}
