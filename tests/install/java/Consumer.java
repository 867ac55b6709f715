// A Java program built and run with the installed share/java/imapi.jar only:
//   java -cp imapi.jar:. Consumer SOURCE_DIR OUT_ISO EMU_DIR
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.libimapi.*;

public class Consumer {
    static void require(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger reports = new AtomicInteger();
        try (FileSystemImage image = new FileSystemImage()) {
            image.setFileSystemsToCreate(java.util.EnumSet.of(FsiFileSystems.ISO9660, FsiFileSystems.JOLIET, FsiFileSystems.UDF));
            image.setVolumeName("Ünïcödé Tree");
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(Path.of(args[0]), false);
                try {
                    root.addDirectory("Кириллица");
                    throw new AssertionError("no error for a duplicate name");
                } catch (ImapiException e) {
                    require(e.getStatus() == ImapiStatus.E_DUP_NAME, e.toString());
                    require(e.getMessage().equals("IMAPI_E_DUP_NAME (0xC0AAB112): 'Кириллица' already exists"), e.getMessage());
                }
            }
            try (FileSystemImageResult result = image.createResultImage()) {
                result.writeFile(args[1], p -> reports.incrementAndGet() >= 0);
            }
        }
        require(reports.get() >= 2, reports + " progress reports");
        try (ImageReader reader = ImageReader.open(args[1])) {
            require(reader.getVolumeName(FsiFileSystems.UDF).equals("Ünïcödé Tree"), "UDF label");
            try (ImapiStream s = reader.openFile(FsiFileSystems.JOLIET, "/Кириллица/中文.txt")) {
                require(new String(s.readAllBytes(), StandardCharsets.UTF_8).equals("привет 世界\n"), "read back");
            }
        }
        String uri = "emu:dvd+r?dir=" + args[2];
        DiscMaster.addEmulatedDrive(uri);
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            require(!r.getProductId().isEmpty(), "product id");
            System.out.println(Imapi.version() + ": " + reports + " progress reports, read back, drive '" + r.getProductId() + "'");
        }
    }
}
