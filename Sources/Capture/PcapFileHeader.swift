import Primitives

/// The 24-byte global header of a classic pcap file (tcpdump.org "pcap file format", IETF draft
/// draft-ietf-opsawg-pcap §4).
///
/// ```
///  0  magic      a1b2c3d4 (µs) or a1b23c4d (ns), in the writer's byte order
///  4  version    major u16 (2), minor u16 (4)
///  8  thiszone   i32 (ignored, always 0 in practice)
/// 12  sigfigs    u32 (ignored)
/// 16  snaplen    u32
/// 20  linktype   u32: LINKTYPE_* in the low 26 bits, FCS information above
/// ```
/// Validation happens once in `init(parsing:)`; the fields are then plain values.
struct PcapFileHeader: Equatable {
    static let size = 24
    static let microsecondMagic: UInt32 = 0xA1B2_C3D4
    static let nanosecondMagic: UInt32 = 0xA1B2_3C4D

    var bigEndian: Bool
    var nanosecond: Bool
    var versionMajor: UInt16
    var versionMinor: UInt16
    var snapLength: UInt32
    var linkType: LinkType

    /// Why a 24-byte header is not a usable classic pcap header.
    enum Problem: Error, Equatable {
        case unknownMagic(UInt32)
        case unsupportedVersion(major: UInt16, minor: UInt16)
    }

    /// True when the first four bytes are a classic pcap magic in either byte order.
    static func isMagic(_ first4: UnsafeRawBufferPointer) -> Bool {
        let m = first4.loadLittleEndianUInt32(at: 0)
        return m == microsecondMagic || m == nanosecondMagic
            || m == microsecondMagic.byteSwapped || m == nanosecondMagic.byteSwapped
    }

    /// Parses the header from exactly `PcapFileHeader.size` or more bytes.
    init(parsing bytes: UnsafeRawBufferPointer) throws(Problem) {
        precondition(bytes.count >= Self.size)
        let le = bytes.loadLittleEndianUInt32(at: 0)
        switch le {
        case Self.microsecondMagic: (bigEndian, nanosecond) = (false, false)
        case Self.nanosecondMagic: (bigEndian, nanosecond) = (false, true)
        case Self.microsecondMagic.byteSwapped: (bigEndian, nanosecond) = (true, false)
        case Self.nanosecondMagic.byteSwapped: (bigEndian, nanosecond) = (true, true)
        default: throw .unknownMagic(bytes.loadBigEndianUInt32(at: 0))
        }
        let reader = EndianReader(bytes: bytes, bigEndian: bigEndian)
        versionMajor = reader.u16(4)
        versionMinor = reader.u16(6)
        guard versionMajor == 2 else { throw .unsupportedVersion(major: versionMajor, minor: versionMinor) }
        snapLength = reader.u32(16)
        linkType = LinkType(dlt: Int32(bitPattern: reader.u32(20) & 0x03FF_FFFF))
    }
}

/// Loads integers from borrowed bytes in a byte order chosen at run time (pcap and pcapng files
/// are written in the writer's order). Offsets must be in bounds (callers validate lengths first).
struct EndianReader {
    let bytes: UnsafeRawBufferPointer
    let bigEndian: Bool

    @inline(__always) func u16(_ offset: Int) -> UInt16 {
        bigEndian ? bytes.loadBigEndianUInt16(at: offset) : bytes.loadLittleEndianUInt16(at: offset)
    }
    @inline(__always) func u32(_ offset: Int) -> UInt32 {
        bigEndian ? bytes.loadBigEndianUInt32(at: offset) : bytes.loadLittleEndianUInt32(at: offset)
    }
    @inline(__always) func u64(_ offset: Int) -> UInt64 {
        bigEndian ? bytes.loadBigEndianUInt64(at: offset) : bytes.loadLittleEndianUInt64(at: offset)
    }
}
