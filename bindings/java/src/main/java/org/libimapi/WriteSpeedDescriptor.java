package org.libimapi;

/**
 * IWriteSpeedDescriptor: one speed the drive offers for the medium in it
 * ({@link DiscFormat2Data#getSupportedWriteSpeedDescriptors}).
 *
 * @param mediaType the medium the speed applies to
 * @param rotationTypeIsPureCav true for constant angular velocity, false for CLV/zoned
 * @param writeSpeed sectors per second (divide by IMAPI_SECTORS_PER_SECOND_AT_1X_* for the "x" figure: 75 CD, 680 DVD, 2195 BD)
 */
public record WriteSpeedDescriptor(ImapiMediaPhysicalType mediaType, boolean rotationTypeIsPureCav, int writeSpeed) {}
