import dev.lanes.cli.draw.TimeGradientChart;
import dev.lanes.cli.image.ImageOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the last epoch of several `lanes train --time-gradients DIR` runs on one chart (bench/vanishing-gradient.sh).
 * Run as a single-file program on lanes.jar:
 *
 *   java -cp cli/target/lanes.jar bench/recurrent/VanishingGradientChart.java OUT.png TITLE NAME=DIR...
 *
 * Each DIR holds time-gradients.csv (epoch,layer,type,step,grad_norm) and the run's log.txt, whose test_mse= and
 * test_accuracy= lines go into the legend.
 */
public class VanishingGradientChart {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: VanishingGradientChart OUT.png TITLE NAME=DIR...");
            System.exit(2);
        }
        List<String> names = new ArrayList<>();
        List<double[]> norms = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] nameDir = args[i].split("=", 2);
            Path dir = Path.of(nameDir[1]);
            List<String> lines = Files.readAllLines(dir.resolve("time-gradients.csv"));
            int last = 0;
            int steps = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                last = Math.max(last, Integer.parseInt(f[0]));
                steps = Math.max(steps, Integer.parseInt(f[3]) + 1);
            }
            double[] v = new double[steps];
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (Integer.parseInt(f[0]) == last && f[1].equals("1")) {
                    v[Integer.parseInt(f[3])] = Double.parseDouble(f[4]);
                }
            }
            String mse = "?";
            String accuracy = "?";
            for (String line : Files.readAllLines(dir.resolve("log.txt"))) {
                if (line.startsWith("test_mse=")) {
                    mse = line.substring(9);
                } else if (line.startsWith("test_accuracy=")) {
                    accuracy = line.substring(14);
                }
            }
            names.add(String.format("%s, epoch %d: test MSE %.4f, %.0f %% within 0.04", nameDir[0], last,
                    Double.parseDouble(mse), 100 * Double.parseDouble(accuracy)));
            norms.add(v);
        }
        ImageOutput.writePng(TimeGradientChart.compare(names, norms, args[1]), Path.of(args[0]));
        System.out.println("wrote " + args[0]);
    }
}
