package io.cdmf.ipc.sample.discovery;

import java.util.List;

import io.cdmf.ipc.binding.Idempotent;
import io.cdmf.ipc.message.SerializationFormat;

/**
 * The contract of the guide's example 3: a service that processes batches of samples. Server and client share this
 * interface; the client gets an implementation from {@code ServiceProxyFactory.create}, by name and version only.
 *
 * @since 0.1.0
 */
public interface DataProcessor {

	/** The name the service registers under. */
	String SERVICE_NAME = "DataProcessor";

	/** The version the server serves. */
	String VERSION = "1.0.0";

	/** The versions the client accepts: any 1.0.x. */
	String VERSION_REQUIRED = "1.0";

	/** How requests and responses travel: JSON, which carries records. */
	SerializationFormat FORMAT = SerializationFormat.JSON;

	/**
	 * Summarizes a batch. It only reads its input, so running it twice for one call does no harm, and a channel may
	 * send a failed call to another instance even when the first one may have run it.
	 * @param batch the batch
	 * @return the summary, naming the instance that computed it
	 */
	@Idempotent
	Summary process(Batch batch);

	/**
	 * A batch of samples.
	 * @param source where the samples come from
	 * @param sequence the batch's number
	 * @param values the samples
	 */
	record Batch(String source, long sequence, List<Double> values) {

	}

	/**
	 * What {@link #process} computes.
	 * @param instanceId the instance that computed it
	 * @param sequence the batch's number
	 * @param count the number of samples
	 * @param mean their mean, 0 when there are none
	 * @param max their largest, 0 when there are none
	 */
	record Summary(String instanceId, long sequence, int count, double mean, double max) {

	}

}
