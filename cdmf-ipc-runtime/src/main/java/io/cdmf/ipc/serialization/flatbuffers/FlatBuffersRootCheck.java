package io.cdmf.ipc.serialization.flatbuffers;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Checks that a buffer's root table lies inside it, before a generated table is allowed to read it.
 * <p>
 * FlatBuffers for Java has no verifier, so this is a minimal one written here: it bounds what a table reads on its
 * own (its vtable and inline fields), not what accessors follow from there. Layout, little-endian, offsets from the
 * start of the buffer:
 *
 * <pre>
 * 0        uoffset  root table position, relative to 0
 * root     soffset  vtable position = root - soffset
 * vtable   u16      vtable size in bytes (4 + 2 per field), u16 root table size in bytes,
 *          u16...   per field, its offset inside the table (0 = absent)
 * </pre>
 *
 * @since 0.1.0
 */
final class FlatBuffersRootCheck {

	private static final int UOFFSET_SIZE = 4;

	private static final int VTABLE_HEADER_SIZE = 4;

	private FlatBuffersRootCheck() {
	}

	/**
	 * Checks a buffer.
	 * @param buffer the buffer, little-endian, its FlatBuffer starting at index 0 and ending at the limit
	 * @return what is wrong, or {@code null} if the root table lies inside the buffer
	 */
	static @Nullable String check(ByteBuffer buffer) {
		int size = buffer.limit();
		if (size < UOFFSET_SIZE) {
			return "the payload has " + size + " bytes, fewer than the 4 of a root offset";
		}
		long root = Integer.toUnsignedLong(buffer.getInt(0));
		if (root < UOFFSET_SIZE || root > size - 4) {
			return "root table offset " + root + " is outside the " + size + "-byte payload";
		}
		int table = (int) root;
		long vtable = table - (long) buffer.getInt(table);
		if (vtable < 0 || vtable > size - VTABLE_HEADER_SIZE) {
			return "root vtable offset " + vtable + " is outside the " + size + "-byte payload";
		}
		int vtablePosition = (int) vtable;
		int vtableSize = Short.toUnsignedInt(buffer.getShort(vtablePosition));
		int tableSize = Short.toUnsignedInt(buffer.getShort(vtablePosition + 2));
		if (vtableSize < VTABLE_HEADER_SIZE || (vtableSize & 1) != 0 || vtablePosition + vtableSize > size) {
			return "root vtable size " + vtableSize + " at offset " + vtablePosition + " is invalid for the " + size
					+ "-byte payload";
		}
		if (tableSize < 4 || table + tableSize > size) {
			return "root table size " + tableSize + " at offset " + table + " exceeds the " + size + "-byte payload";
		}
		for (int entry = VTABLE_HEADER_SIZE; entry < vtableSize; entry += 2) {
			int field = Short.toUnsignedInt(buffer.getShort(vtablePosition + entry));
			if (field != 0 && (field < 4 || field >= tableSize)) {
				return "root table field " + (entry - VTABLE_HEADER_SIZE) / 2 + " at offset " + field
						+ " is outside the " + tableSize + "-byte table";
			}
		}
		return null;
	}

}
