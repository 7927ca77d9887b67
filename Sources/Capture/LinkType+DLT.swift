import Primitives

extension LinkType {
    /// Maps a libpcap `DLT_*` value (what `pcap_datalink()` returns) to the `LINKTYPE_*` numbering
    /// used in files and by `LinkType`.
    ///
    /// Most values are equal in both registries; the exceptions are the low numbers that differ by
    /// platform (tcpdump.org linktypes.html, libpcap `pcap-common.c`): DLT_RAW 12 (or 14 on
    /// OpenBSD) is LINKTYPE_RAW 101, DLT_ATM_RFC1483 11 is 100, DLT_SLIP_BSDOS 15 is 102,
    /// DLT_PPP_BSDOS 16 is 103, DLT_ATM_CLIP 19 is 106. Anything else is passed through unchanged.
    ///
    /// The built-in readers apply the same mapping to the link type written in a file: old
    /// writers put these DLT values in files (e.g. 12 for raw IP on Linux), libpcap reads them as
    /// those DLTs, and both paths must agree (every other value 0...300 round-trips unchanged).
    init(dlt: Int32) {
        switch dlt {
        case 11: self = LinkType(rawValue: 100)
        case 12, 14: self = .raw
        case 15: self = LinkType(rawValue: 102)
        case 16: self = LinkType(rawValue: 103)
        case 19: self = LinkType(rawValue: 106)
        default: self = LinkType(rawValue: UInt32(truncatingIfNeeded: dlt))
        }
    }
}
