/// Limits and damage messages for classic pcap packet records, shared by the built-in reader and
/// the libpcap one (which diagnoses libpcap's errors itself, to report the same evidence).
///
/// Record header (16 bytes, file byte order): ts_sec u32, ts_frac u32 (µs or ns), caplen u32,
/// origlen u32, then caplen bytes of packet data.
enum PcapRecordDiagnosis {
    static let recordHeaderSize = 16
    /// No record or block may claim more than this (256 MiB), whatever the header says.
    static let maximumRecordLength: UInt32 = 256 << 20
    /// libpcap's own sanity bound for most link types (`MAXIMUM_SNAPLEN`).
    static let libpcapMaximumSnapLength: UInt32 = 262_144

    /// The largest caplen accepted: the file's snaplen or 262144, whichever is larger, capped at 256 MiB.
    static func capturedLengthLimit(snapLength: UInt32) -> UInt32 {
        min(max(snapLength, libpcapMaximumSnapLength), maximumRecordLength)
    }

    static func truncatedHeader(path: String, offset: Int64, remaining: Int) -> CaptureError {
        CaptureError(kind: .truncated, path: path, offset: offset,
                     message: "truncated packet record header at offset \(offset): expected \(recordHeaderSize) bytes, \(remaining) remain")
    }

    static func tooLong(path: String, offset: Int64, capturedLength: UInt32, limit: UInt32) -> CaptureError {
        CaptureError(kind: .corrupt, path: path, offset: offset,
                     message: "corrupt packet record at offset \(offset): header says \(capturedLength) captured bytes, more than the limit of \(limit) (snapshot length sanity)")
    }

    static func truncatedData(path: String, offset: Int64, capturedLength: UInt32, remaining: Int64) -> CaptureError {
        CaptureError(kind: .truncated, path: path, offset: offset,
                     message: "truncated packet record at offset \(offset): header says \(capturedLength) bytes, \(remaining) remain")
    }

    static func truncatedFileHeader(path: String, remaining: Int) -> CaptureError {
        CaptureError(kind: .truncated, path: path, offset: 0,
                     message: "truncated pcap file header at offset 0: expected \(PcapFileHeader.size) bytes, \(remaining) remain")
    }

    static func badFileHeader(path: String, problem: PcapFileHeader.Problem) -> CaptureError {
        switch problem {
        case .unknownMagic(let magic):
            return CaptureError(kind: .notACapture, path: path, offset: 0,
                                message: "not a pcap file at offset 0: magic 0x\(hex(magic)) is not a1b2c3d4 or a1b23c4d in either byte order")
        case .unsupportedVersion(let major, let minor):
            return CaptureError(kind: .notACapture, path: path, offset: 4,
                                message: "unsupported pcap version at offset 4: expected 2.x, found \(major).\(minor)")
        }
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
