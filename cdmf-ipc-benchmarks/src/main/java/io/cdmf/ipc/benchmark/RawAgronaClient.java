package io.cdmf.ipc.benchmark;

import java.io.IOException;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * The raw Agrona baseline's client: ping-pong (write a record, busy-spin reading the response ring until the echo
 * is there) and one-way bursts (write records back to back, spinning only while the ring is full), on the calling
 * thread alone.
 *
 * @since 0.1.0
 */
final class RawAgronaClient implements SyncClient, OneWayClient, MessageHandler {

	private final RawAgronaRings rings;

	private final ManyToOneRingBuffer requests;

	private final ManyToOneRingBuffer responses;

	private final UnsafeBuffer payload;

	private final int size;

	private int echoed;

	RawAgronaClient(ShmCaseFiles files, int size) {
		this.rings = RawAgronaRings.open(files.rings());
		this.requests = this.rings.requests();
		this.responses = this.rings.responses();
		// A heap array, as the framework clients' payloads are.
		this.payload = new UnsafeBuffer(FrameworkSyncClient.payloadBytes(size));
		this.size = size;
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		while (!this.requests.write(RawAgronaRings.ECHO, this.payload, 0, this.size)) {
			Thread.onSpinWait();
		}
		this.echoed = -1;
		while (this.responses.read(this, 1) == 0) {
			Thread.onSpinWait();
		}
		if (verify && this.echoed != this.size) {
			throw new IOException("echo of " + this.echoed + " bytes, expected " + this.size);
		}
	}

	@Override
	public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
		this.echoed = length;
	}

	@Override
	public void send(long stampNanos) {
		if (this.size >= Long.BYTES) {
			this.payload.putLong(0, stampNanos);
		}
		while (!this.requests.write(RawAgronaRings.ONE_WAY, this.payload, 0, this.size)) {
			Thread.onSpinWait();
		}
	}

	@Override
	public void close() {
		this.rings.close();
	}

}
