package io.cdmf.ipc.sample.calc.raw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The calculator's wire format on the raw API: a request is two little-endian 32-bit integers, a response one
 * 64-bit integer, as in the guide's {@code add} handler.
 */
final class RawCalcProtocol {

	private RawCalcProtocol() {
	}

	static byte[] request(int a, int b) {
		return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).array();
	}

	static int first(byte[] request) {
		return ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
	}

	static int second(byte[] request) {
		return ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
	}

	static byte[] result(long value) {
		return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
	}

	static long result(byte[] response) {
		return ByteBuffer.wrap(response).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
	}

}
