package io.cdmf.ipc.sample.sensor.producer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.google.flatbuffers.FlatBufferBuilder;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.sample.sensor.EpochNanos;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorReading;
import io.cdmf.ipc.sample.sensor.flatbuffers.SensorStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.SmartLifecycle;

/**
 * Sends readings at {@code sensor.producer.rate} on a thread of its own, one-way or asynchronously, until
 * {@code sensor.producer.count} readings are sent or the application stops; then prints a {@code DONE} line with what
 * it sent and the consumer's status.
 * <p>
 * Pacing parks the thread between readings ({@link RatePacer}) instead of spinning, so the producer costs a fraction
 * of a core at 10 kHz. Each reading gets a builder of its own: an asynchronous call may be retried with the same
 * payload, so a payload must not be reused once handed over.
 *
 * @since 0.1.0
 */
public class SensorProducer implements SmartLifecycle, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(SensorProducer.class);

	private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private final SensorStreamClient stream;

	private final SensorConsumerClient consumer;

	private final SensorProducerProperties properties;

	private final PrintStream out;

	private final Semaphore inFlight;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running;

	private volatile long lastWarnNanos;

	private @Nullable Thread thread;

	/**
	 * Creates a producer.
	 * @param stream the one-way client
	 * @param consumer the asynchronous client, also asked for the status
	 * @param properties the settings
	 * @param out where the {@code DONE} line goes
	 */
	public SensorProducer(SensorStreamClient stream, SensorConsumerClient consumer,
			SensorProducerProperties properties, PrintStream out) {
		if (properties.getRate() <= 0) {
			throw new IllegalArgumentException("sensor.producer.rate must be positive: " + properties.getRate());
		}
		if (properties.getCount() < 0) {
			throw new IllegalArgumentException("sensor.producer.count must not be negative: " + properties.getCount());
		}
		if (properties.getMaxInFlight() <= 0) {
			throw new IllegalArgumentException(
					"sensor.producer.max-in-flight must be positive: " + properties.getMaxInFlight());
		}
		this.stream = stream;
		this.consumer = consumer;
		this.properties = properties;
		this.out = out;
		this.inFlight = new Semaphore(properties.getMaxInFlight());
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		Thread sender = new Thread(this::run, "sensor-producer");
		this.thread = sender;
		sender.start();
	}

	@Override
	public void stop() {
		Thread sender;
		synchronized (this) {
			sender = this.thread;
			this.running = false;
		}
		if (sender != null) {
			LockSupport.unpark(sender);
			awaitCompletion(DRAIN_TIMEOUT.plusSeconds(5));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Waits until the producer has sent its count (or was stopped) and printed its {@code DONE} line.
	 * @param timeout how long to wait
	 * @return whether it finished
	 */
	public boolean awaitCompletion(Duration timeout) {
		try {
			return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Waits, however long it takes, until the producer has sent its count (or was stopped) and printed its
	 * {@code DONE} line; returns early if the calling thread is interrupted.
	 */
	public void awaitCompletion() {
		try {
			this.finished.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns whether the producer stops on its own after {@code sensor.producer.count} readings.
	 * @return whether a count is set
	 */
	public boolean isBounded() {
		return this.properties.getCount() > 0;
	}

	/**
	 * Returns 1 once a send failed, so that a script sees a lossy run in the exit code.
	 * @return the exit code
	 */
	@Override
	public int getExitCode() {
		return (this.failed.get() > 0) ? 1 : 0;
	}

	private void run() {
		long count = this.properties.getCount();
		int rate = this.properties.getRate();
		long start = System.nanoTime();
		// At most a tenth of a second of readings is caught up at once after a stall; older ones are dropped.
		RatePacer pacer = new RatePacer(rate, Math.max(1, rate / 10), start);
		long sequence = 0;
		try {
			while (this.running && (count == 0 || sequence < count)) {
				long now = System.nanoTime();
				long due = pacer.due(now);
				if (due == 0) {
					LockSupport.parkNanos(pacer.nanosUntilNext(now));
					continue;
				}
				for (; due > 0 && this.running && (count == 0 || sequence < count); due--) {
					send(reading(sequence++));
				}
			}
			drain();
			summarize(sequence, System.nanoTime() - start, pacer.skipped());
		}
		finally {
			this.running = false;
			this.finished.countDown();
		}
	}

	private SensorReading reading(long sequence) {
		FlatBufferBuilder builder = new FlatBufferBuilder(128);
		int sensorId = builder.createString(this.properties.getSensorId());
		int unit = builder.createString(this.properties.getUnit());
		// A simulated temperature: one slow wave a second around 20 degrees.
		double value = 20.0 + 5.0 * Math.sin(2 * Math.PI * sequence / this.properties.getRate());
		int root = SensorReading.createSensorReading(builder, sensorId, EpochNanos.now(), value, sequence, unit);
		SensorReading.finishSensorReadingBuffer(builder, root);
		return SensorReading.getRootAsSensorReading(builder.dataBuffer());
	}

	private void send(SensorReading reading) {
		try {
			if (this.properties.getMode() == SensorProducerProperties.Mode.ONE_WAY) {
				this.stream.pushSensorData(reading);
				this.sent.incrementAndGet();
				this.completed.incrementAndGet();
				return;
			}
			if (!acquire()) {
				return;
			}
			this.sent.incrementAndGet();
			this.consumer.pushSensorData(reading).whenComplete((done, failure) -> {
				if (failure == null) {
					this.completed.incrementAndGet();
				}
				else {
					fail(failure);
				}
				// Released last: once drain() holds every permit, every completion has been counted.
				this.inFlight.release();
			});
		}
		catch (IpcException ex) {
			fail(ex);
		}
	}

	private boolean acquire() {
		try {
			while (!this.inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				if (!this.running) {
					return false;
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
			return false;
		}
	}

	private void fail(Throwable failure) {
		long failures = this.failed.incrementAndGet();
		long now = System.nanoTime();
		if (failures == 1 || now - this.lastWarnNanos > WARN_INTERVAL_NANOS) {
			this.lastWarnNanos = now;
			logger.warn("Sending a reading failed ({} failures so far): {}", failures, failure.toString());
		}
	}

	private void drain() {
		int permits = this.properties.getMaxInFlight();
		try {
			if (this.inFlight.tryAcquire(permits, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.inFlight.release(permits);
			}
			else {
				int incomplete = permits - this.inFlight.availablePermits();
				logger.warn("{} asynchronous sends still incomplete after {}", incomplete, DRAIN_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void summarize(long readings, long elapsedNanos, long skipped) {
		double seconds = elapsedNanos / 1e9;
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
				"DONE sent %,d readings in %.2f s (%,.0f msgs/s, %s) | completed %,d | failed %,d"
						+ " | dropped from schedule %,d",
				this.sent.get(), seconds, readings / seconds, this.properties.getMode(), this.completed.get(),
				this.failed.get(), skipped));
		try {
			SensorStatus status = this.consumer.getStatus();
			line.append(String.format(Locale.ROOT,
					" | consumer: received %,d missing %,d out of order %,d read in place %,d last sequence %d",
					status.received(), status.missing(), status.outOfOrder(), status.inPlace(),
					status.lastSequence()));
		}
		catch (IpcException ex) {
			line.append(" | consumer status unavailable: ").append(ex.getMessage());
		}
		this.out.println(line);
	}

}
