package org.libimapi;

/** Which IMultisession interface an element of MultisessionInterfaces is ({@link Multisession#type}). */
public enum MultisessionType implements NativeEnum {
    /** IMultisessionSequential2: a new session after the last (CD-R/RW, DVD±R, DVD+R DL, DVD-RW sequential, BD-R). */
    SEQUENTIAL(1),
    /** IMultisessionRandomWrite: a logical session on overwritable media (DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite). */
    RANDOM_WRITE(2);

    private final int value;

    MultisessionType(int value) { this.value = value; }

    /** libimapi's number for this kind (IMAPI_MULTISESSION_*). */
    @Override
    public int value() { return value; }

    static MultisessionType of(int v) { return NativeEnum.require(MultisessionType.class, v); }
}
