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
final class LibpcapSource: PacketSource {
    private let path: String
    private let inputIndex: Int
    private let fd: Int32
    private let fileSize: Int64
    private let header: PcapFileHeader
    private let linkType: LinkType
    private let snapshot: Int
    private var handle: OpaquePointer?
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
        linkType = LinkType(dlt: pcap_datalink(opened))
        snapshot = Int(pcap_snapshot(opened))
    }

    deinit {
        if let handle { pcap_close(handle) }   // also closes the stdio stream and fd
        streamBuffer.deallocate()
    }

    func nextPacket() -> CapturedPacket? {
        guard let handle else { return nil }
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
