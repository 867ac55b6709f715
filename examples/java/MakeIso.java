// make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
// with a progress line, through the Java binding (org.libimapi, imapi.jar).
//   usage: java -cp imapi.jar:. MakeIso SOURCE_DIR OUTPUT.iso
import java.nio.file.Path;
import org.libimapi.FileSystemImage;
import org.libimapi.FileSystemImageResult;
import org.libimapi.FsiDirectoryItem;
import org.libimapi.ImapiException;

public class MakeIso {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MakeIso SOURCE_DIR OUTPUT.iso");
            System.exit(2);
        }
        try (FileSystemImage image = new FileSystemImage()) {
            image.setFreeMediaBlocks(0); // 0 = no capacity limit
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(Path.of(args[0]), false);
            }
            try (FileSystemImageResult result = image.createResultImage()) {
                result.writeFile(args[1], p -> {
                    System.err.print("\r" + p.done() + "/" + p.total() + " sectors");
                    return true; // false would cancel
                });
            }
            System.err.println("\nwrote " + args[1]);
        } catch (ImapiException e) {
            System.err.println("failed: " + e.getMessage() + " (" + e.getStatusName() + ")");
            System.exit(1);
        }
    }
}
