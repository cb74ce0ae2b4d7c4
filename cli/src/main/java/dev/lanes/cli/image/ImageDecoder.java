package dev.lanes.cli.image;

import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a picture file in bounded memory: the declared size is read from the header first, pictures of more
 * than {@link #MAX_PIXELS} pixels are refused, and pictures wider or taller than {@link #MAX_SIDE} are decoded
 * subsampled (every n-th pixel of every n-th row, which ImageIO's readers do while decoding, without the full
 * picture in memory). A network input has a few hundred pixels, so a 2048-pixel picture loses nothing; a
 * 10000x10000 photograph then needs about 64 MB instead of about 1 GB.
 */
final class ImageDecoder {

    /** The most pixels a picture may declare: 2³⁰ (a 32768x32768 square). */
    static final long MAX_PIXELS = 1L << 30;

    /** The longest side decoded; longer pictures are subsampled to at most this. */
    static final int MAX_SIDE = 2048;

    private ImageDecoder() {
    }

    /**
     * The subsampling step for a picture of {@code width x height}: 1 (none) up to {@link #MAX_SIDE}, else the
     * least step that brings the longer side to at most {@link #MAX_SIDE}.
     */
    static int subsampling(int width, int height) {
        int longer = Math.max(width, height);
        return (longer + MAX_SIDE - 1) / MAX_SIDE;
    }

    /** Reads {@code file} as {@link ImageFiles#read(Path)} documents. */
    static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        boolean local = file.getFileSystem() == FileSystems.getDefault();
        // A file stream where there is a java.io.File (nothing cached); else a memory-cached stream, which works
        // on any file system and leaves no ImageIO cache files behind.
        try (InputStream in = local ? InputStream.nullInputStream() : Files.newInputStream(file);
             ImageInputStream stream = local ? new FileImageInputStream(file.toFile())
                     : new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image format ImageIO can read (it reads "
                        + String.join(", ", formats()) + ")");
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, stream, file);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage read(ImageReader reader, ImageInputStream stream, Path file) throws IOException {
        int width;
        int height;
        try {
            reader.setInput(stream, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new IOException(String.format(Locale.ROOT, "%s: the image declares %,d x %,d pixels; lanes reads"
                    + " images of at most %,d pixels", file, width, height, MAX_PIXELS));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(width, height);
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        try {
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
    }

    private static TreeSet<String> formats() {
        TreeSet<String> formats = new TreeSet<>();
        for (String format : ImageIO.getReaderFormatNames()) {
            formats.add(format.toLowerCase(Locale.ROOT));
        }
        return formats;
    }
}
