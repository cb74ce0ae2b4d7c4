package dev.lanes.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * A test hook: makes the first attempt of one partition's task at one (epoch, step) fail after it has computed
 * its result, as a lost executor or a failing node would. Off unless a test in this JVM arms it (local mode).
 */
final class FaultInjection {

    private static volatile int[] armed;
    private static final AtomicInteger FIRED = new AtomicInteger();

    private FaultInjection() {
    }

    /** Fail the first attempt of {@code partition}'s task at (epoch, step); step is a round's first step. */
    static void arm(int partition, int epoch, int step) {
        FIRED.set(0);
        armed = new int[] {partition, epoch, step};
    }

    static void disarm() {
        armed = null;
    }

    /** How many attempts failed since {@link #arm}. */
    static int fired() {
        return FIRED.get();
    }

    static void maybeFail(int partition, int epoch, int step) {
        int[] a = armed;
        if (a != null && a[0] == partition && a[1] == epoch && a[2] == step) {
            TaskContext task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0) {
                FIRED.incrementAndGet();
                throw new IllegalStateException("injected failure of partition " + partition + ", epoch " + epoch
                        + ", step " + step + ", attempt 0");
            }
        }
    }
}
