package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class StartTest {

    @Test
    void javaOlderThan25IsToldWhatToRunInstead() {
        for (String old : new String[] {"1.8", "11", "17", "24"}) {
            String message = Start.refusal(old, "/usr/lib/jvm/old");
            assertTrue(message.startsWith("lanes: needs Java 25 or later; this is Java " + old
                    + " (/usr/lib/jvm/old)."), message);
            assertTrue(message.contains("`lanes` launcher") && message.contains("--add-modules jdk.incubator.vector"),
                    message);
        }
    }

    @Test
    void java25AndLaterRunTheCommandLine() {
        assertNull(Start.refusal("25", "/jdk"));
        assertNull(Start.refusal("26", "/jdk"));
        assertNull(Start.refusal(System.getProperty("java.specification.version"), "/jdk"));
    }

    @Test
    void theEntryPointIsJava8BytecodeSoEveryJavaReachesIt() throws IOException {
        try (InputStream in = Start.class.getResourceAsStream("Start.class")) {
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            assertEquals(52, data.readUnsignedShort(), "class file major version of Java 8");
        }
    }
}
