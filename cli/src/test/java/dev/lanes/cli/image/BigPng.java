package dev.lanes.cli.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Writes large 8-bit gray PNGs chunk by chunk, without holding the picture, for the decoder's memory tests. */
final class BigPng {

    /** Which pixels are white (the others black). */
    interface Pixels {
        boolean white(int row, int col);
    }

    private BigPng() {
    }

    static void writeGray(Path file, int width, int height, Pixels pixels) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(1), 1 << 16)) {
            byte[] row = new byte[width + 1]; // filter byte 0 (none), then the samples
            for (int r = 0; r < height; r++) {
                Arrays.fill(row, (byte) 0);
                for (int c = 0; c < width; c++) {
                    if (pixels.white(r, c)) {
                        row[1 + c] = (byte) 255;
                    }
                }
                z.write(row);
            }
        }
        write(file, width, height, idat.toByteArray());
    }

    /** A PNG whose header declares {@code width x height} but that holds no pixel data. */
    static void writeHeaderOnly(Path file, int width, int height) throws IOException {
        write(file, width, height, new byte[0]);
    }

    private static void write(Path file, int width, int height, byte[] idat) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, adaptive filtering, no interlace
            chunk(out, "IHDR", header.toByteArray());
            if (idat.length > 0) {
                chunk(out, "IDAT", idat);
            }
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
