package io.bayesfuse.kernels.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryWriterReaderTest {

    private static final String[] AWKWARD_STRINGS = {"", "cv", "radar-é", "nul\u0000inside", "ß/ü/€", "雷达", "emoji \uD83D\uDE80"};

    @Test
    void bigEndianNumbersAndModifiedUtf8AreWhatDataOutputWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        BinaryWriter writer = new BinaryWriter(4, ByteOrder.BIG_ENDIAN);
        data.writeShort(-2);
        writer.writeShort(-2);
        data.writeInt(-123456789);
        writer.writeInt(-123456789);
        data.writeLong(Long.MIN_VALUE + 7);
        writer.writeLong(Long.MIN_VALUE + 7);
        data.writeDouble(-Math.PI);
        writer.writeDouble(-Math.PI);
        for (String s : AWKWARD_STRINGS) {
            data.writeUTF(s);
            writer.writeModifiedUtf8(s);
        }
        data.flush();
        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());

        BinaryReader reader = new BinaryReader(expected.toByteArray(), 0, expected.size(), "test", ByteOrder.BIG_ENDIAN);
        DataInputStream check = new DataInputStream(new ByteArrayInputStream(expected.toByteArray()));
        assertThat(reader.readShort()).isEqualTo(check.readShort());
        assertThat(reader.readInt()).isEqualTo(check.readInt());
        assertThat(reader.readLong()).isEqualTo(check.readLong());
        assertThat(reader.readDouble()).isEqualTo(check.readDouble());
        for (String s : AWKWARD_STRINGS) {
            assertThat(reader.readModifiedUtf8()).isEqualTo(s).isEqualTo(check.readUTF());
        }
        reader.requireEnd();
    }

    @Test
    void littleEndianNumbersAreWhatAByteBufferWrites() {
        ByteBuffer expected = ByteBuffer.allocate(2 + 4 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        expected.putShort((short) 300).putInt(-5).putLong(1_700_000_000_123L).putDouble(1.0 / 3);
        byte[] written = new BinaryWriter().writeShort(300).writeInt(-5).writeLong(1_700_000_000_123L).writeDouble(1.0 / 3).toByteArray();
        assertThat(written).isEqualTo(expected.array());
        BinaryReader reader = new BinaryReader(written, "test");
        assertThat(reader.readShort()).isEqualTo((short) 300);
        assertThat(reader.readInt()).isEqualTo(-5);
        assertThat(reader.readLong()).isEqualTo(1_700_000_000_123L);
        assertThat(reader.readDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void arraysOfDoublesAreByteBufferBytesInEitherOrderAndReadBackFromAnyOffset() {
        double[] values = {1.0 / 3, -0.0, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, 42};
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer expected = ByteBuffer.allocate(3 + 8 * values.length + 8).order(order);
            expected.put(new byte[]{7, 7, 7});
            for (double v : values) {
                expected.putDouble(v);
            }
            expected.putLong(-2L);
            byte[] written = new BinaryWriter(1, order).writeRaw(new byte[]{7, 7, 7}).writeDoubleValues(values).writeLong(-2L)
                    .toByteArray();
            assertThat(written).isEqualTo(expected.array());
            // a reader over a slice that starts past other bytes, so that the doubles lie unaligned
            byte[] padded = new byte[written.length + 5];
            System.arraycopy(written, 0, padded, 5, written.length);
            BinaryReader in = new BinaryReader(padded, 5 + 3, written.length - 3, "test", order);
            double[] read = in.readDoubleValues(values.length);
            for (int i = 0; i < values.length; i++) {
                assertThat(Double.doubleToRawLongBits(read[i])).isEqualTo(Double.doubleToRawLongBits(values[i]));
            }
            assertThat(in.readLong()).isEqualTo(-2L);
            in.requireEnd();
        }
    }

    @Test
    void varintsStringsAndArraysRoundTripInEitherOrder() {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] bytes = new BinaryWriter(8, order).writeVarint(300).writeSignedVarint(-3).writeCount(0).writeString("é")
                    .writeBytes(new byte[]{1, 2}).writeRaw(new byte[]{9}).writeDoubleValues(new double[]{1.5})
                    .writeArrays(List.of(new double[]{2, -0.0}, new double[0])).toByteArray();
            BinaryReader in = new BinaryReader(bytes, 0, bytes.length, "test", order);
            assertThat(in.readVarint()).isEqualTo(300);
            assertThat(in.readSignedVarint()).isEqualTo(-3);
            assertThat(in.readCount("a count")).isZero();
            assertThat(in.readString()).isEqualTo("é");
            assertThat(in.readBytes()).containsExactly(1, 2);
            assertThat(in.readRaw(1)).containsExactly(9);
            assertThat(in.readDoubleValues(1)).containsExactly(1.5);
            assertThat(in.readArrays()).containsExactly(new double[]{2, -0.0}, new double[0]);
            in.requireEnd();
        }
    }

    @Test
    void aValueInsideALargerArrayIsReadUpToItsEnd() {
        byte[] framed = {7, 7, 1, 2, 3, 7};
        BinaryReader in = new BinaryReader(framed, 2, 3, "framed value", ByteOrder.BIG_ENDIAN);
        assertThat(in.readRaw(2)).containsExactly(1, 2);
        assertThat(in.remaining()).isEqualTo(1);
        assertThatThrownBy(in::requireEnd).hasMessage("framed value: 1 unexpected trailing bytes");
        assertThatThrownBy(in::readShort).hasMessage("framed value: truncated (3 bytes)");
    }

    @Test
    void malformedInputIsRefusedNamingTheFormat() {
        assertThatThrownBy(() -> new BinaryReader(new byte[]{0, 1, (byte) 0x80}, "a test value").readModifiedUtf8())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a test value: malformed modified UTF-8");
        assertThatThrownBy(() -> new BinaryWriter().writeCount(-1)).hasMessage("negative count -1");
        assertThatThrownBy(() -> new BinaryReader(new byte[]{1}, "a test value").readDoubleValues(2))
                .hasMessage("a test value: truncated (1 bytes)");
    }
}
