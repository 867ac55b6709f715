// make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
// with a progress line, through the Java binding (org.libimapi, imapi.jar);
// given a DRIVE (an emu: URI or a recorder's unique ID), burn the image onto
// it and verify it.
//   usage: java -cp imapi.jar:. MakeIso SOURCE_DIR OUTPUT.iso [DRIVE]
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CompletionException;
import org.libimapi.DiscFormat2Data;
import org.libimapi.DiscMaster;
import org.libimapi.DiscRecorder;
import org.libimapi.FileSystemImage;
import org.libimapi.FileSystemImageResult;
import org.libimapi.FsiDirectoryItem;
import org.libimapi.ImapiBurnVerificationLevel;
import org.libimapi.ImapiException;
import org.libimapi.ImapiFormat2DataMediaState;
import org.libimapi.ImapiStream;

public class MakeIso {
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: MakeIso SOURCE_DIR OUTPUT.iso [DRIVE]");
            System.exit(2);
        }
        try {
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
            }
            System.err.println("\nwrote " + args[1]);
            if (args.length == 3) burn(args[1], args[2]);
        } catch (ImapiException e) {
            System.err.println("failed: " + e.getMessage() + " (" + e.getStatusName() + ")");
            System.exit(1);
        }
    }

    static void burn(String image, String drive) {
        if (drive.startsWith("emu:")) DiscMaster.addEmulatedDrive(drive);
        try (DiscRecorder recorder = DiscRecorder.open(drive);
             DiscFormat2Data format = new DiscFormat2Data();
             ImapiStream data = ImapiStream.fromFile(image)) {
            format.setRecorder(recorder);
            format.setClientName("MakeIso");
            EnumSet<ImapiFormat2DataMediaState> state = format.getCurrentMediaStatus();
            if (!state.contains(ImapiFormat2DataMediaState.BLANK) && !state.contains(ImapiFormat2DataMediaState.APPENDABLE)
                    && !state.contains(ImapiFormat2DataMediaState.OVERWRITE_ONLY))
                throw new ImapiException(org.libimapi.ImapiStatus.E_DF2DATA_INVALID_MEDIA_STATE,
                        "the " + format.getCurrentPhysicalMediaType() + " in " + drive + " cannot be written: " + state);
            format.setBurnVerificationLevel(ImapiBurnVerificationLevel.FULL);
            // The future completes when the burn (and its verification) is done;
            // future.cancel(true) would cancel the write.
            format.writeAsync(data, p -> {
                System.err.print("\r" + p.currentAction() + ": " + p.sectorsWritten() + "/" + p.sectorCount()
                        + " sectors, ring " + p.usedSystemBuffer() + "/" + p.totalSystemBuffer() + " bytes   ");
                return true;
            }).join();
            System.err.println("\nburned and verified " + image + " on " + drive);
        } catch (CompletionException e) {
            throw e.getCause() instanceof ImapiException ie ? ie : e;
        }
    }
}
