package org.libimapi;

/** What {@link DiscFormat2Data#setWriteSpeed} did with the request (IMAPI's S_IMAPI_*ADJUSTED successes). */
public enum WriteSpeedAdjustment {
    /** The drive offers the speed and rotation type asked for. */
    EXACT,
    /** The speed was changed to one the drive offers (S_IMAPI_SPEEDADJUSTED). */
    SPEED_ADJUSTED,
    /** The rotation type was changed to one the drive offers (S_IMAPI_ROTATIONADJUSTED). */
    ROTATION_ADJUSTED,
    /** Both were changed (S_IMAPI_BOTHADJUSTED). */
    BOTH_ADJUSTED
}
