package io.callstream.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the schema id as 4 bytes big-endian, then the Avro binary encoding.
 * Any Confluent-compatible consumer (Java, JavaScript, Go, kcat with a registry) can read what is framed so.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    static int schemaId(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
