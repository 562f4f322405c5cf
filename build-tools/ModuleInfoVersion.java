import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Marks a compiled {@code module-info.class} as class file version 53 (Java 9), the first that has
 * modules. javac writes it with the release's version (65 for Java 21), which the JDK running Maven
 * cannot read when it is older than 21: the jar tool that makes a modular jar and the plugins that read
 * module descriptors would fail with "Unsupported major.minor version 65.0". A module descriptor holds
 * no code, and everything ours declares (requires transitive and static, exports, provides) exists in
 * version 53, so the file means the same. Run with the source launcher:
 * {@code java build-tools/ModuleInfoVersion.java target/classes/module-info.class}.
 */
public final class ModuleInfoVersion {
    private static final int MAGIC = 0xCAFEBABE;
    private static final short JAVA_9 = 53;

    private ModuleInfoVersion() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModuleInfoVersion <path to module-info.class>");
        }
        Path file = Path.of(args[0]);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(0) != MAGIC || !file.getFileName().toString().equals("module-info.class")) {
            throw new IllegalArgumentException(file + " is not a compiled module-info");
        }
        short major = buffer.getShort(6);
        if (major != JAVA_9) {
            buffer.putShort(4, (short) 0).putShort(6, JAVA_9);
            Files.write(file, bytes);
            System.out.println("[module-info] " + file + ": class file version " + major + " -> " + JAVA_9);
        }
    }
}
