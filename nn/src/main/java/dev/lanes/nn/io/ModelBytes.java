package dev.lanes.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian fields of a model file: a growable writer and a reader that names the file and offset. */
final class ModelBytes {

    private ModelBytes() {
    }

    /** A growable little-endian byte buffer. */
    static final class Writer {
        private byte[] buffer = new byte[1024];
        private int size;

        private void ensure(long extra) {
            if (size + extra > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the model is too large for one file (over 2 GB)");
            }
            if (size + extra > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(buffer.length * 2L, size + extra)));
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void u32(int v) {
            ensure(4);
            ByteBuffer.wrap(buffer, size, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
            size += 4;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("string too long for a model file (" + b.length + " bytes): "
                        + s.substring(0, 40) + "…");
            }
            ensure(2 + b.length);
            ByteBuffer.wrap(buffer, size, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) b.length);
            size += 2;
            bytes(b);
        }

        void floats(float[] v) {
            ensure(4L * v.length);
            ByteBuffer.wrap(buffer, size, v.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
            size += v.length * 4;
        }

        int size() {
            return size;
        }

        byte[] buffer() {
            return buffer;
        }
    }

    /** Reads little-endian fields, naming the file, the field and the byte offset when something is wrong. */
    static final class Reader {
        private final ByteBuffer buf;
        private final String file;

        Reader(byte[] bytes, String file) {
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.file = file;
        }

        String file() {
            return file;
        }

        int position() {
            return buf.position();
        }

        int remaining() {
            return buf.remaining();
        }

        int length() {
            return buf.limit();
        }

        /** An error at byte {@code at}. */
        ModelFormatException error(int at, String message) {
            return new ModelFormatException(file + ": byte " + at + ": " + message);
        }

        private void need(long n, String what) throws ModelFormatException {
            if (buf.remaining() < n) {
                throw new ModelFormatException(file + ": truncated at byte " + buf.position() + " while reading "
                        + what + ": needs " + n + " bytes, " + buf.remaining() + " remain (file size "
                        + buf.limit() + ")");
            }
        }

        byte[] bytes(int n, String what) throws ModelFormatException {
            need(n, what);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        int u32(String what) throws ModelFormatException {
            need(4, what);
            return buf.getInt();
        }

        /** A u32 in {@code [min, max]}. */
        int bounded(String what, int min, int max) throws ModelFormatException {
            int at = buf.position();
            int v = u32(what);
            if (v < min || v > max) {
                throw error(at, what + " must be in " + min + " to " + max + ", was " + Integer.toUnsignedString(v));
            }
            return v;
        }

        String string(String what) throws ModelFormatException {
            need(2, what);
            int len = buf.getShort() & 0xFFFF;
            need(len, what);
            byte[] b = new byte[len];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        void floats(float[] into, String what) throws ModelFormatException {
            need(4L * into.length, what);
            buf.asFloatBuffer().get(into);
            buf.position(buf.position() + into.length * 4);
        }
    }
}
