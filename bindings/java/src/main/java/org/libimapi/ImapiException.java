package org.libimapi;

/**
 * A failed libimapi call: IMAPI's status number (an HRESULT, {@link #getStatus}) and the
 * library's detail. Unchecked; every method of this package that calls the library may
 * throw it. {@link #getMessage} reads
 * {@code IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists}: IMAPI's name and number,
 * then what was wrong and what to do, naming this binding's classes and methods.
 * A closed object used again throws it with {@link ImapiStatus#E_INVALID_HANDLE}.
 */
public class ImapiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** IMAPI's status. */
    private final int status;
    /** errno, or 0. */
    private final int osError;
    /** SCSI sense, or -1. */
    private final int senseKey, asc, ascq;
    /** The sector involved, or -1. */
    private final long lba;
    /** The path involved, or "". */
    private final String path;
    /** The message without the status. */
    private final String detail;

    /**
     * An error with IMAPI's {@code status} and a message of the caller's.
     *
     * @param status an {@link ImapiStatus} number
     * @param message what was wrong and what to do
     */
    public ImapiException(int status, String message) {
        this(status, message, null, 0, -1, -1, -1, -1, "");
    }

    /**
     * An error with IMAPI's {@code status}, a message and the exception that caused it.
     *
     * @param status an {@link ImapiStatus} number
     * @param message what was wrong and what to do
     * @param cause the cause (for example a listener's exception), or null
     */
    public ImapiException(int status, String message, Throwable cause) {
        this(status, message, cause, 0, -1, -1, -1, -1, "");
    }

    private ImapiException(int status, String message, Throwable cause, int osError, int senseKey, int asc, int ascq,
                           long lba, String path) {
        super(Imapi.statusName(status) + String.format(" (0x%08X): ", status) + message, cause);
        this.detail = message;
        this.status = status;
        this.osError = osError;
        this.senseKey = senseKey;
        this.asc = asc;
        this.ascq = ascq;
        this.lba = lba;
        this.path = path;
    }

    /**
     * IMAPI's status; compare with the {@link ImapiStatus} constants.
     *
     * @return the HRESULT (negative for an error)
     */
    public int getStatus() { return status; }

    /**
     * The status's IMAPI name.
     *
     * @return for example "IMAPI_E_DUP_NAME"
     */
    public String getStatusName() { return Imapi.statusName(status); }

    /**
     * The error number of the failing system call.
     *
     * @return errno, or 0 when no system call failed
     */
    public int getOsError() { return osError; }

    /**
     * The SCSI sense key of a failed device command.
     *
     * @return the key, or -1 when no device was involved
     */
    public int getSenseKey() { return senseKey; }

    /**
     * The additional sense code of a failed device command.
     *
     * @return the ASC, or -1 when no device was involved
     */
    public int getAsc() { return asc; }

    /**
     * The additional sense code qualifier of a failed device command.
     *
     * @return the ASCQ, or -1 when no device was involved
     */
    public int getAscq() { return ascq; }

    /**
     * The sector address involved (a failed write, the first differing block of a verification).
     *
     * @return the LBA, or -1
     */
    public long getLba() { return lba; }

    /**
     * The file or image path involved.
     *
     * @return the path, or ""
     */
    public String getPath() { return path; }

    /**
     * The message alone, without the status name and number {@link #getMessage} starts with.
     *
     * @return what was wrong and what to do
     */
    public String getDetail() { return detail; }

    /** The calling thread's last error, which the call that returned {@code status} recorded. */
    static ImapiException fromLastError(int status) {
        imapi_error e = ImapiNative.imapi_error_last();
        if (e == null || e.getCode() != status) return new ImapiException(status, Imapi.statusName(status));
        return new ImapiException(status, JavaNames.toJava(e.getMessage()), null, e.getOs_error(), e.getSense_key(),
                e.getAsc(), e.getAscq(), e.getLba(), e.getPath());
    }

    /** Throws for a negative status; returns the others. */
    static int check(int status) {
        if (status < 0) throw fromLastError(status);
        return status;
    }

    static ImapiException closed(String what) {
        return new ImapiException(ImapiStatus.E_INVALID_HANDLE, "the " + what + " has been closed; create a new one");
    }
}
