package org.libimapi;

/** A symbolic link (libimapi extension, recorded by Rock Ridge). */
public final class FsiSymbolicLinkItem extends FsiItem {
    FsiSymbolicLinkItem(long raw) { super(raw, "FsiSymbolicLinkItem"); }

    public String getTarget() { return string(ImapiNative::imapi_fsitem_get_symlink_target); }
}
