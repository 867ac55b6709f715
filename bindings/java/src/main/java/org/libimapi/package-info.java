/**
 * libimapi for Java: IMAPI2's disc-mastering (IMAPI2FS) and burning API on Linux, over the
 * library's C ABI.
 * <p>
 * Mastering: {@link org.libimapi.FileSystemImage} holds a tree of
 * {@link org.libimapi.FsiDirectoryItem}s and {@link org.libimapi.FsiFileItem}s;
 * {@link org.libimapi.FileSystemImage#createResultImage} lays it out as a
 * {@link org.libimapi.FileSystemImageResult} to write to a file or burn. Reading:
 * {@link org.libimapi.ImageReader} lists and extracts ISO 9660, Joliet, Rock Ridge and UDF images.
 * Burning: {@link org.libimapi.DiscMaster} lists the recorders, {@link org.libimapi.DiscRecorder}
 * opens one, {@link org.libimapi.DiscFormat2Data} writes a session.
 * <p>
 * Objects over native handles are {@link java.lang.AutoCloseable}: close them (or let a Cleaner
 * free them); a closed object throws {@link org.libimapi.ImapiException} with
 * {@link org.libimapi.ImapiStatus#E_INVALID_HANDLE}. Calls are serialized per object. Failures
 * are the unchecked {@link org.libimapi.ImapiException}, carrying IMAPI's status number.
 * IMAPI's enumerations are Java enums, their flag sets {@link java.util.EnumSet}s.
 * Long operations have blocking forms with a listener on the calling thread and
 * {@link java.util.concurrent.CompletableFuture} forms completed by one job-monitor thread
 * for the whole process.
 */
package org.libimapi;
