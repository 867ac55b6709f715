package org.libimapi;

/** IWriteSpeedDescriptor: one speed the drive offers for the medium, in sectors per second. */
public record WriteSpeedDescriptor(int mediaType, boolean rotationTypeIsPureCav, int writeSpeed) {}
