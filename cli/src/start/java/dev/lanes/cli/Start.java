package dev.lanes.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * The entry point of {@code lanes.jar}, compiled for Java 8 so that any {@code java -jar lanes.jar} reaches it: on a
 * Java older than 25 it says what to run instead (rather than the JVM's {@code UnsupportedClassVersionError}),
 * otherwise it hands over to {@link Lanes}.
 */
public final class Start {

    /** The first Java feature release that runs lanes (its class files and the Vector API it uses). */
    static final int REQUIRED_FEATURE = 25;

    private Start() {
    }

    /**
     * Runs the command line, or explains on standard error why this Java cannot.
     *
     * @param args the command-line arguments
     * @throws Throwable whatever the command line throws
     */
    public static void main(String[] args) throws Throwable {
        String refusal = refusal(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(1);
        }
        try {
            Class.forName("dev.lanes.cli.Lanes").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The message for a Java too old to run lanes, or null when it is recent enough.
     *
     * @param specificationVersion the JVM's {@code java.specification.version}: "1.8", "17", "25"
     * @param javaHome             the JVM's {@code java.home}, named in the message
     * @return the message, or null
     */
    static String refusal(String specificationVersion, String javaHome) {
        int feature = feature(specificationVersion);
        if (feature >= REQUIRED_FEATURE) {
            return null;
        }
        return "lanes: needs Java " + REQUIRED_FEATURE + " or later; this is Java " + specificationVersion
                + " (" + javaHome + ").\n"
                + "  Run the `lanes` launcher instead (it finds an installed JDK " + REQUIRED_FEATURE + "+), or:\n"
                + "  JAVA_HOME=/path/to/jdk-" + REQUIRED_FEATURE + " $JAVA_HOME/bin/java"
                + " --add-modules jdk.incubator.vector -jar lanes.jar ...";
    }

    private static int feature(String specificationVersion) {
        String v = specificationVersion == null ? "" : specificationVersion.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        // An unreadable version is let through: the JVM's own error is then the most precise one.
        return end == 0 ? REQUIRED_FEATURE : Integer.parseInt(v.substring(0, end));
    }
}
