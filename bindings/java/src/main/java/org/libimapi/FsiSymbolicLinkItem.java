package org.libimapi;

/** Extension: a symbolic link of an image's tree (recorded by Rock Ridge and UDF). */
public final class FsiSymbolicLinkItem extends FsiItem {
    FsiSymbolicLinkItem(long raw) { super(raw, "FsiSymbolicLinkItem"); }

    /**
     * The link's target.
     *
     * @return what it points to, as recorded
     */
    public String getTarget() { return string(ImapiNative::imapi_fsitem_get_symlink_target); }
}
