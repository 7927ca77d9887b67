import CPcap
import Primitives
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Classic pcap files read through libpcap (`pcap_fopen_offline_with_tstamp_precision`, nanosecond
/// precision), for regular files.
///
/// The descriptor is wrapped in a stdio stream with a 1 MiB buffer that this source owns, so
/// libpcap reads in 1 MiB chunks. Packet bytes are libpcap's buffer, borrowed until the next call.
/// `pcap_datalink()` values are mapped to `LINKTYPE_*` (`LinkType(dlt:)`).
///
/// Damage: when `pcap_next_ex` fails, the record at the tracked offset is re-read with `pread` and
/// diagnosed like the built-in reader does (truncated header, caplen beyond the limit, data cut
/// short), so both readers report the same evidence; libpcap's own message is kept otherwise.
/// Offsets are tracked as 24 + Σ(16 + on-disk caplen); when libpcap shortened a record to the
/// snapshot length, the on-disk caplen is re-read from the file.
///
/// Fast path: while records are plain, they are read straight from the file into a 512 KiB window
/// (room for the largest plain record) with `pread` and handed out in place, as libpcap would hand
/// them out, without libpcap's per-record `fread` copies. Plain means: a file in host (little-endian)
/// byte order, a link type libpcap does not post-process (Ethernet, raw IP, Linux cooked v1/v2), a
/// whole record in the file, and a caplen within both the snapshot length and libpcap's 262144-byte
/// limit (so libpcap would neither cut nor refuse it). Timestamps are read like libpcap reads them
/// (unsigned 32-bit fields, microseconds scaled to nanoseconds). At the first record that is not
/// plain (or at the end of the file), the stdio stream is positioned at that record and libpcap takes
/// over for the rest of the file, so everything unusual (cut records, damage, end of file) goes
/// through the path described above.
final class LibpcapSource: PacketSource {
    private let path: String
    private let inputIndex: Int
    private let fd: Int32
    private let fileSize: Int64
    private let header: PcapFileHeader
    private let linkType: LinkType
    private let snapshot: Int
    private var handle: OpaquePointer?
    private let stream: UnsafeMutablePointer<FILE>
    /// The fast path's window over the file: `window[0]` is at file offset `windowStart`.
    private var fastPath: Bool
    private let window: UnsafeMutableRawPointer
    private var windowStart: Int64 = 0
    private var windowCount = 0
    private static let windowSize = 512 << 10
    /// Largest caplen the fast path hands out: libpcap's `MAXIMUM_SNAPLEN`, the smallest per-link-type
    /// limit it applies, and at most the snapshot length (beyond which libpcap cuts records).
    private let fastCapturedLengthLimit: Int
    private let streamBuffer: UnsafeMutableRawPointer
    private static let streamBufferSize = 1 << 20
    private var offset = Int64(PcapFileHeader.size)
    private(set) var damage: CaptureError?
    var bytesConsumed: Int64 { offset }
    var decryptionSecrets: [String] { [] }
    var anomalies: [String: UInt64] { [:] }

    /// Takes ownership of `fd` (a regular file). Throws `truncated` (short file header),
    /// `notACapture` (bad magic or version, or libpcap refused the header) or `cannotOpen`.
    init(fileDescriptor fd: Int32, fileSize: Int64, path: String, inputIndex: Int) throws(CaptureError) {
        self.path = path
        self.inputIndex = inputIndex
        self.fd = fd
        self.fileSize = fileSize
        var raw = [UInt8](repeating: 0, count: PcapFileHeader.size)
        let got = raw.withUnsafeMutableBytes { preadFully(fd, into: $0, at: 0) }
        guard got == PcapFileHeader.size else {
            _ = close(fd)
            throw PcapRecordDiagnosis.truncatedFileHeader(path: path, remaining: got)
        }
        let parsed = raw.withUnsafeBytes { bytes in Result { () throws(PcapFileHeader.Problem) in try PcapFileHeader(parsing: bytes) } }
        switch parsed {
        case .success(let h): header = h
        case .failure(let problem):
            _ = close(fd)
            throw PcapRecordDiagnosis.badFileHeader(path: path, problem: problem)
        }
        guard lseek(fd, 0, SEEK_SET) == 0, let stream = fdopen(fd, "rb") else {
            let e = errno
            _ = close(fd)
            throw CaptureError(kind: .cannotOpen, path: path, message: "cannot read: \(describeErrno(e))")
        }
        streamBuffer = UnsafeMutableRawPointer.allocate(byteCount: Self.streamBufferSize, alignment: 16)
        _ = setvbuf(stream, streamBuffer.assumingMemoryBound(to: CChar.self), _IOFBF, Self.streamBufferSize)
        var errorText = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = pcap_fopen_offline_with_tstamp_precision(stream, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorText)
        guard let opened else {
            _ = fclose(stream)
            streamBuffer.deallocate()
            let text = errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw CaptureError(kind: .notACapture, path: path, offset: 0, message: "libpcap cannot read this file: \(text)")
        }
        handle = opened
        self.stream = stream
        linkType = LinkType(dlt: pcap_datalink(opened))
        snapshot = Int(pcap_snapshot(opened))
        fastCapturedLengthLimit = min(snapshot, 262_144)
        let plainLinkTypes: [UInt32] = [LinkType.ethernet.rawValue, LinkType.raw.rawValue, LinkType.ipv4.rawValue,
                                        LinkType.ipv6.rawValue, LinkType.linuxSLL.rawValue, LinkType.linuxSLL2.rawValue]
        fastPath = !header.bigEndian && plainLinkTypes.contains(linkType.rawValue)
        window = UnsafeMutableRawPointer.allocate(byteCount: Self.windowSize, alignment: 16)
    }

    deinit {
        if let handle { pcap_close(handle) }   // also closes the stdio stream and fd
        streamBuffer.deallocate()
        window.deallocate()
    }

    func nextPacket() -> CapturedPacket? {
        guard let handle else { return nil }
        if fastPath {
            if let packet = nextPlainRecord() { return packet }
            // Hand over to libpcap at this record (nothing after the file header was read through it).
            fastPath = false
            if fseeko(stream, off_t(offset), SEEK_SET) != 0 {
                damage = CaptureError(kind: .corrupt, path: path, offset: offset,
                                      message: "cannot seek to offset \(offset): \(describeErrno(errno))")
                finish()
                return nil
            }
        }
        var headerPointer: UnsafeMutablePointer<pcap_pkthdr>?
        var dataPointer: UnsafePointer<UInt8>?
        let rc = pcap_next_ex(handle, &headerPointer, &dataPointer)
        guard rc == 1, let h = headerPointer?.pointee else {
            if rc != PCAP_ERROR_BREAK { damage = diagnose(libpcapMessage: String(cString: pcap_geterr(handle))) }
            finish()
            return nil
        }
        let captured = Int(h.caplen)
        var onDisk = Int64(captured)
        if captured == snapshot, Int(h.len) > captured { onDisk = onDiskCapturedLength() ?? onDisk }
        let packet = CapturedPacket(
            timestamp: Timestamp(nanoseconds: Int64(h.ts.tv_sec) &* 1_000_000_000 &+ Int64(h.ts.tv_usec)),
            linkType: linkType,
            bytes: UnsafeRawBufferPointer(start: dataPointer, count: captured),
            originalLength: Int(h.len), interfaceIndex: 0, inputIndex: inputIndex)
        offset += Int64(PcapRecordDiagnosis.recordHeaderSize) + onDisk
        return packet
    }

    /// The record at `offset` when it is plain (see the type's comment), read from the window; nil
    /// when libpcap must handle it.
    private func nextPlainRecord() -> CapturedPacket? {
        let hs = PcapRecordDiagnosis.recordHeaderSize
        guard makeVisible(hs) else { return nil }
        let start = Int(offset - windowStart)
        let r = EndianReader(bytes: UnsafeRawBufferPointer(start: window + start, count: hs), bigEndian: false)
        let captured = Int(r.u32(8))
        guard captured <= fastCapturedLengthLimit, makeVisible(hs + captured) else { return nil }
        let at = Int(offset - windowStart)   // the window may have moved
        let fields = EndianReader(bytes: UnsafeRawBufferPointer(start: window + at, count: hs), bigEndian: false)
        // As libpcap reads the time fields: unsigned 32-bit values, microseconds scaled up to nanoseconds
        // (tested against libpcap in LibpcapFastPathTests).
        let seconds = Int64(fields.u32(0))
        let fraction = Int64(fields.u32(4))
        let packet = CapturedPacket(
            timestamp: Timestamp(nanoseconds: seconds &* 1_000_000_000 &+ (header.nanosecond ? fraction : fraction &* 1000)),
            linkType: linkType,
            bytes: UnsafeRawBufferPointer(start: window + at + hs, count: captured),
            originalLength: Int(fields.u32(12)), interfaceIndex: 0, inputIndex: inputIndex)
        offset += Int64(hs + captured)
        return packet
    }

    /// Makes the `count` bytes at `offset` visible in the window (moving the unread tail to its
    /// front and reading with `pread`); false when the file ends first or a read fails.
    @inline(__always)
    private func makeVisible(_ count: Int) -> Bool {
        Int(offset - windowStart) + count <= windowCount || refill(count)
    }

    /// The slow part of `makeVisible`: the bytes are not all in the window yet.
    private func refill(_ count: Int) -> Bool {
        let start = Int(offset - windowStart)
        guard count <= Self.windowSize else { return false }
        // Bytes already read from `offset` on (none when `offset` is outside the window).
        let tail = start >= 0 && start < windowCount ? windowCount - start : 0
        if tail > 0, start > 0 { window.copyMemory(from: window + start, byteCount: tail) }
        windowStart = offset
        windowCount = tail
        while windowCount < count {
            let got = pread(fd, window + windowCount, Self.windowSize - windowCount, off_t(windowStart) + off_t(windowCount))
            if got > 0 {
                windowCount += got
            } else if got == 0 || errno != EINTR {
                return false
            }
        }
        return true
    }

    /// Releases libpcap and the file at the end or at damage (keeps `bytesConsumed`).
    private func finish() {
        if let handle { pcap_close(handle) }
        handle = nil
    }

    private func onDiskCapturedLength() -> Int64? {
        var field = [UInt8](repeating: 0, count: 4)
        guard field.withUnsafeMutableBytes({ preadFully(fd, into: $0, at: offset + 8) }) == 4 else { return nil }
        return field.withUnsafeBytes { Int64(EndianReader(bytes: $0, bigEndian: header.bigEndian).u32(0)) }
    }

    /// Explains why libpcap stopped, from the record at `offset` (read again with `pread`).
    private func diagnose(libpcapMessage: String) -> CaptureError {
        let hs = PcapRecordDiagnosis.recordHeaderSize
        var raw = [UInt8](repeating: 0, count: hs)
        let got = raw.withUnsafeMutableBytes { preadFully(fd, into: $0, at: offset) }
        if got < hs {
            return PcapRecordDiagnosis.truncatedHeader(path: path, offset: offset, remaining: got)
        }
        let capturedLength = raw.withUnsafeBytes { EndianReader(bytes: $0, bigEndian: header.bigEndian).u32(8) }
        let limit = PcapRecordDiagnosis.capturedLengthLimit(snapLength: header.snapLength)
        if capturedLength > limit {
            return PcapRecordDiagnosis.tooLong(path: path, offset: offset, capturedLength: capturedLength, limit: limit)
        }
        let remaining = fileSize - offset - Int64(hs)
        if remaining < Int64(capturedLength) {
            return PcapRecordDiagnosis.truncatedData(path: path, offset: offset, capturedLength: capturedLength,
                                                     remaining: remaining)
        }
        return CaptureError(kind: .corrupt, path: path, offset: offset,
                            message: "corrupt packet record at offset \(offset): libpcap refused it: \(libpcapMessage)")
    }
}
