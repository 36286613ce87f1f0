package io.cdmf.ipc.benchmark;

import java.io.IOException;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The raw Chronicle Queue baseline's client, on the calling thread alone: ping-pong (append a document, busy-spin
 * tailing the responses queue until the echo is there) and one-way bursts (append documents back to back).
 *
 * @since 0.1.0
 */
final class RawChronicleClient implements SyncClient, OneWayClient {

	private final SingleChronicleQueue requests;

	private final SingleChronicleQueue responses;

	private final ExcerptAppender appender;

	private final ExcerptTailer tailer;

	private final byte[] payload;

	private final int size;

	RawChronicleClient(ShmCaseFiles files, int size) {
		this.requests = RawChronicle.open(files, RawChronicle.REQUESTS);
		this.responses = RawChronicle.open(files, RawChronicle.RESPONSES);
		this.appender = this.requests.createAppender();
		this.tailer = this.responses.createTailer();
		this.payload = FrameworkSyncClient.payloadBytes(size);
		this.size = size;
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		try (DocumentContext out = this.appender.writingDocument()) {
			out.wire().bytes().writeInt(RawChronicle.ECHO).write(this.payload, 0, this.size);
		}
		while (true) {
			try (DocumentContext in = this.tailer.readingDocument()) {
				if (in.isPresent()) {
					Bytes<?> bytes = in.wire().bytes();
					long echoed = bytes.readRemaining() - Integer.BYTES;
					if (verify && echoed != this.size) {
						throw new IOException("echo of " + echoed + " bytes, expected " + this.size);
					}
					return;
				}
			}
			Thread.onSpinWait();
		}
	}

	@Override
	public void send(long stampNanos) {
		try (DocumentContext out = this.appender.writingDocument()) {
			Bytes<?> bytes = out.wire().bytes().writeInt(RawChronicle.ONE_WAY);
			if (this.size >= Long.BYTES) {
				bytes.writeLong(stampNanos).write(this.payload, Long.BYTES, this.size - Long.BYTES);
			}
			else {
				bytes.write(this.payload, 0, this.size);
			}
		}
	}

	@Override
	public void close() {
		this.appender.close();
		this.tailer.close();
		this.requests.close();
		this.responses.close();
	}

}
