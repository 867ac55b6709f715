package org.libimapi;

/** A failed libimapi call: IMAPI's status number (an HRESULT) and the library's detail. */
public class ImapiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final int osError;
    private final int senseKey, asc, ascq;
    private final long lba;
    private final String path;
    private final String detail;

    public ImapiException(int status, String message) {
        this(status, message, null, 0, -1, -1, -1, -1, "");
    }

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

    /** IMAPI's status (an HRESULT, negative); compare with {@link ImapiStatus}. */
    public int getStatus() { return status; }
    /** The status's C name ("IMAPI_E_DUP_NAME"). */
    public String getStatusName() { return Imapi.statusName(status); }
    /** errno of the failing system call, or 0. */
    public int getOsError() { return osError; }
    /** SCSI sense key, ASC, ASCQ, or -1 when no device was involved. */
    public int getSenseKey() { return senseKey; }
    public int getAsc() { return asc; }
    public int getAscq() { return ascq; }
    /** Sector address involved, or -1. */
    public long getLba() { return lba; }
    /** File or image path involved, or "". */
    public String getPath() { return path; }

    /** The library's message alone, without the status name and number that {@link #getMessage} starts with. */
    public String getDetail() { return detail; }

    /** The calling thread's last error, which the call that returned {@code status} recorded. */
    static ImapiException fromLastError(int status) {
        imapi_error e = ImapiNative.imapi_error_last();
        if (e == null || e.getCode() != status) return new ImapiException(status, Imapi.statusName(status));
        return new ImapiException(status, e.getMessage(), null, e.getOs_error(), e.getSense_key(), e.getAsc(), e.getAscq(),
                e.getLba(), e.getPath());
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
