import Primitives

/// Built-in reader for classic pcap (micro- or nanosecond, either byte order) over a `BufferedInput`.
///
/// Used for standard input and other non-seekable inputs (libpcap would need the magic bytes we
/// already consumed to detect the format), and selectable for files (`ClassicPcapReader.builtIn`)
/// so tests can compare it with libpcap record for record. Packet bytes are borrowed from the
/// input buffer until the next call. A record whose caplen exceeds
/// `PcapRecordDiagnosis.capturedLengthLimit` is `corrupt`; a record cut short is `truncated`;
/// either ends this input.
final class PcapStreamSource: PacketSource {
    private let input: BufferedInput
    private let path: String
    private let inputIndex: Int
    private let header: PcapFileHeader
    private let capturedLengthLimit: UInt32
    private let fractionScale: Int64
    private(set) var damage: CaptureError?
    var bytesConsumed: Int64 { input.offset }
    var decryptionSecrets: [String] { [] }
    var anomalies: [String: UInt64] { [:] }

    /// Reads the file header from `input`; throws `truncated` (short header) or `notACapture`.
    init(input: BufferedInput, path: String, inputIndex: Int) throws(CaptureError) {
        self.input = input
        self.path = path
        self.inputIndex = inputIndex
        guard input.require(PcapFileHeader.size) else {
            throw PcapRecordDiagnosis.truncatedFileHeader(path: path, remaining: input.available)
        }
        do {
            header = try PcapFileHeader(parsing: input.bytes(PcapFileHeader.size))
        } catch {
            throw PcapRecordDiagnosis.badFileHeader(path: path, problem: error)
        }
        input.consume(PcapFileHeader.size)
        capturedLengthLimit = PcapRecordDiagnosis.capturedLengthLimit(snapLength: header.snapLength)
        fractionScale = header.nanosecond ? 1 : 1000
    }

    func nextPacket() -> CapturedPacket? {
        guard damage == nil else { return nil }
        let hs = PcapRecordDiagnosis.recordHeaderSize
        guard input.require(hs) else {
            if let e = input.readError { damage = readFailure(e); return nil }
            if input.available > 0 {
                damage = PcapRecordDiagnosis.truncatedHeader(path: path, offset: input.offset, remaining: input.available)
            }
            return nil
        }
        let r = EndianReader(bytes: input.bytes(hs), bigEndian: header.bigEndian)
        let seconds = Int64(r.u32(0))
        let fraction = Int64(r.u32(4))
        let capturedLength = r.u32(8)
        let originalLength = r.u32(12)
        guard capturedLength <= capturedLengthLimit else {
            damage = PcapRecordDiagnosis.tooLong(path: path, offset: input.offset, capturedLength: capturedLength,
                                                limit: capturedLengthLimit)
            return nil
        }
        let total = hs + Int(capturedLength)
        guard input.require(total) else {
            if let e = input.readError { damage = readFailure(e); return nil }
            damage = PcapRecordDiagnosis.truncatedData(path: path, offset: input.offset, capturedLength: capturedLength,
                                                       remaining: Int64(input.available - hs))
            return nil
        }
        let record = input.bytes(total)
        input.consume(total)
        return CapturedPacket(
            timestamp: Timestamp(nanoseconds: seconds &* 1_000_000_000 &+ fraction &* fractionScale),
            linkType: header.linkType,
            bytes: UnsafeRawBufferPointer(rebasing: record[hs...]),
            originalLength: Int(originalLength), interfaceIndex: 0, inputIndex: inputIndex)
    }

    private func readFailure(_ errnoValue: Int32) -> CaptureError {
        CaptureError(kind: .corrupt, path: path, offset: input.offset,
                     message: "read error at offset \(input.offset): \(describeErrno(errnoValue))")
    }
}
