package io.cdmf.ipc.sample.discovery;

/**
 * The server side of {@link DataProcessor}. An instance made {@linkplain #DataProcessorService(String, boolean)
 * failing} throws on every call, as a broken deployment would; the tests use it to show that the client's channel
 * routes around it.
 *
 * @since 0.1.0
 */
public final class DataProcessorService implements DataProcessor {

	private final String instanceId;

	private final boolean failing;

	/**
	 * Creates the service of one instance.
	 * @param instanceId the instance's id, returned in every summary
	 * @param failing whether every call throws
	 */
	public DataProcessorService(String instanceId, boolean failing) {
		this.instanceId = instanceId;
		this.failing = failing;
	}

	@Override
	public Summary process(Batch batch) {
		if (this.failing) {
			throw new IllegalStateException("instance " + this.instanceId + " is broken on purpose (--fail)");
		}
		int count = batch.values().size();
		if (count == 0) {
			return new Summary(this.instanceId, batch.sequence(), 0, 0, 0);
		}
		double sum = 0;
		double max = Double.NEGATIVE_INFINITY;
		for (double value : batch.values()) {
			sum += value;
			max = Math.max(max, value);
		}
		return new Summary(this.instanceId, batch.sequence(), count, sum / count, max);
	}

}
