/**
 * The {@code lanes} command line (train, eval, predict, explain) and everything that draws: picture files in and
 * out, heatmaps of attributions and charts of training runs. It is built into the runnable {@code lanes.jar} with
 * picocli, progressbar and XChart; the libraries {@code dev.lanes.nn} and {@code dev.lanes.kernels} need none of
 * them.
 */
module dev.lanes.cli {
    // Attribution and the data types appear in the drawing API; BufferedImage too.
    requires transitive dev.lanes.nn;
    requires transitive java.desktop;
    // The data set lanes train uses by default; read as resources by dev.lanes.nn, resolved here.
    requires dev.lanes.digits;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;

    exports dev.lanes.cli;
    exports dev.lanes.cli.draw;
    exports dev.lanes.cli.image;

    // picocli sets the commands' option fields by reflection.
    opens dev.lanes.cli to info.picocli;
}
