package dev.lanes.nn.io;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.ParameterSource;
import java.util.Map;

/**
 * Reads version 1 of the model format (dense layers only; docs/model-format.md): files written before the
 * shaped-layer API still load and predict exactly as they did.
 */
final class LegacyModelFile {

    private LegacyModelFile() {
    }

    /** Decodes the rest of a version-1 file, the reader standing after the version field. */
    static ModelFile.Model decode(ModelBytes.Reader r, byte[] bytes) throws ModelFormatException {
        String file = r.file();
        int inputAt = r.position();
        int inputSize = r.bounded("the input size", 1, Integer.MAX_VALUE);
        Network.Builder builder;
        try {
            builder = Network.builder().input(inputSize);
        } catch (IllegalArgumentException e) {
            throw r.error(inputAt, "the input size: " + e.getMessage());
        }
        int lossAt = r.position();
        Loss loss;
        try {
            loss = Loss.parse(r.string("the loss"));
        } catch (IllegalArgumentException e) {
            throw r.error(lossAt, e.getMessage());
        }
        int layerCount = r.bounded("the layer count", 1, ModelFile.MAX_LAYERS);
        builder.loss(loss);
        int expectedInputs = inputSize;
        long floats = 0;
        for (int l = 1; l <= layerCount; l++) {
            int at = r.position();
            String type = r.string("layer " + l + " type");
            if (!type.equals("dense")) {
                throw r.error(at, "layer " + l + " has unknown type '" + type + "' (version 1 knows 'dense')");
            }
            at = r.position();
            int inputs = r.bounded("layer " + l + " inputs", 1, Integer.MAX_VALUE);
            if (inputs != expectedInputs) {
                throw r.error(at, "layer " + l + " takes " + inputs + " inputs but the "
                        + (l == 1 ? "network input has " : "layer below has ") + expectedInputs);
            }
            int outputs = r.bounded("layer " + l + " outputs", 1, Integer.MAX_VALUE);
            floats += (long) inputs * outputs + outputs;
            // Each tensor is its floats plus a u32 count: what the header declares must fit what is left.
            if (4 * (floats + 2L * l) > r.remaining()) {
                throw r.error(at, "layer " + l + " declares " + inputs + " x " + outputs + " weights: the "
                        + (floats + 2L * l) * 4 + " bytes of parameters declared so far exceed the "
                        + r.remaining() + " bytes left in the file");
            }
            at = r.position();
            String activation = r.string("layer " + l + " activation");
            try {
                builder.dense(outputs, Activation.parse(activation));
            } catch (IllegalArgumentException e) {
                throw r.error(at, "layer " + l + ": " + e.getMessage());
            }
            expectedInputs = outputs;
        }
        Map<String, String> metadata = ModelFile.readMetadata(r);
        int dataStart = r.position();
        ModelFile.checkDataLength(r, dataStart, 4 * (floats + 2L * layerCount));
        ModelFile.verifyChecksum(r, bytes);
        int[] next = {dataStart};
        ParameterSource fromFile = (name, role, following, dims) -> {
            Parameter p = new Parameter(name, role, dims);
            int count = ModelFile.intAt(bytes, next[0]);
            if (count != p.size()) {
                throw new ModelFile.Mismatch(next[0], name + " holds " + Integer.toUnsignedString(count)
                        + " values, the architecture needs " + p.size());
            }
            ModelFile.floatsAt(bytes, next[0] + 4, p.values());
            next[0] += 4 + 4 * p.size();
            return p;
        };
        try {
            return new ModelFile.Model(builder.build(fromFile), metadata);
        } catch (ModelFile.Mismatch e) {
            throw r.error(e.at, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(file + ": inconsistent architecture: " + e.getMessage());
        }
    }
}
