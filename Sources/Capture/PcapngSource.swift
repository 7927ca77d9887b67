import Primitives

/// Built-in streaming reader for pcapng (draft-ietf-opsawg-pcapng) over a `BufferedInput`.
///
/// Handles several sections (each Section Header Block sets the byte order and starts a new
/// interface list), several interfaces with different link types, `if_tsresol` and `if_tsoffset`,
/// Enhanced, Simple and obsolete Packet Blocks, and Decryption Secrets Blocks of type TLS key log
/// (their lines are collected in `decryptionSecrets`). Other blocks (name resolution, statistics,
/// custom, unknown) are skipped; unknown types are counted (`pcapng_unknown_block_skipped`).
/// libpcap is not used here: it rejects mixed link types and does not expose DSBs.
///
/// Packet bytes are borrowed from the input buffer until the next call. A Simple Packet Block has
/// no timestamp: it gets the previous packet's timestamp of this file (0 if none).
///
/// Damage ends this input: a block length that is not a multiple of 4, below 12 or above 256 MiB,
/// a trailing length that differs from the leading one, a packet that refers to an undefined
/// interface or claims more bytes than its block holds are `corrupt`; a block cut short is `truncated`.
final class PcapngSource: PacketSource {
    /// Limits of the reader; every one that drops something counts it in `anomalies`.
    static let maximumBlockLength = Int(PcapRecordDiagnosis.maximumRecordLength)
    static let maximumInterfaces = 65_536
    static let maximumSecretsBytes = 64 << 20

    private let input: BufferedInput
    private let path: String
    private let inputIndex: Int
    private var bigEndian = false
    private var sawSection = false
    /// Interfaces of the current section, and how many interfaces earlier sections defined.
    private var interfaces: [PcapngInterface] = []
    private var interfacesBeforeSection = 0
    private var lastTimestamp = Timestamp.zero
    private var secretsBytes = 0
    private(set) var damage: CaptureError?
    private(set) var decryptionSecrets: [String] = []
    private(set) var anomalies: [String: UInt64] = [:]
    var bytesConsumed: Int64 { input.offset }

    init(input: BufferedInput, path: String, inputIndex: Int) {
        self.input = input
        self.path = path
        self.inputIndex = inputIndex
    }

    func nextPacket() -> CapturedPacket? {
        while damage == nil {
            guard let (type, length) = nextBlockHeader() else { return nil }
            let offset = input.offset
            guard input.require(length) else {
                stop(input.readError.map { readFailure($0) }
                     ?? CaptureError(kind: .truncated, path: path, offset: offset,
                                     message: "truncated block at offset \(offset) (type \(type.hex)): header says \(length) bytes, \(input.available) remain"))
                return nil
            }
            let block = input.bytes(length)
            let r = EndianReader(bytes: block, bigEndian: bigEndian)
            let trailing = r.u32(length - 4)
            guard Int(trailing) == length else {
                stop(corrupt(offset, "block at offset \(offset) (type \(type.hex)): trailing length \(trailing) differs from leading length \(length)"))
                return nil
            }
            let body = UnsafeRawBufferPointer(rebasing: block[8..<(length - 4)])
            input.consume(length)
            if let packet = handle(type: type, body: body, offset: offset) { return packet }
        }
        return nil
    }

    /// Reads and validates the 8-byte block header (12 for a Section Header Block, whose byte
    /// order it sets). Nil at a clean end of input or after recording damage.
    private func nextBlockHeader() -> (PcapngBlockType, Int)? {
        let offset = input.offset
        guard input.require(8) else {
            if let e = input.readError { stop(readFailure(e)) } else if input.available > 0 {
                stop(CaptureError(kind: .truncated, path: path, offset: offset,
                                  message: "truncated block header at offset \(offset): expected 8 bytes, \(input.available) remain"))
            }
            return nil
        }
        let rawType = input.bytes(8).loadLittleEndianUInt32(at: 0)   // SHB type is a palindrome
        if rawType == PcapngBlockType.sectionHeader.rawValue {
            guard input.require(12) else {
                stop(CaptureError(kind: .truncated, path: path, offset: offset,
                                  message: "truncated section header block at offset \(offset): expected 12 bytes, \(input.available) remain"))
                return nil
            }
            let magic = input.bytes(12).loadLittleEndianUInt32(at: 8)
            if magic == PcapngBlockType.byteOrderMagic {
                bigEndian = false
            } else if magic == PcapngBlockType.byteOrderMagic.byteSwapped {
                bigEndian = true
            } else {
                stop(corrupt(offset + 8, "section header block at offset \(offset): byte-order magic is 0x\(PcapRecordDiagnosis.hex(magic.byteSwapped)), expected 1a2b3c4d in either byte order"))
                return nil
            }
        } else if !sawSection {
            stop(CaptureError(kind: .notACapture, path: path, offset: offset,
                              message: "not a pcapng file at offset \(offset): expected a section header block (0x0a0d0d0a), found block type 0x\(PcapRecordDiagnosis.hex(rawType.byteSwapped))"))
            return nil
        }
        let r = EndianReader(bytes: input.bytes(8), bigEndian: bigEndian)
        let type = PcapngBlockType(rawValue: r.u32(0))
        let length = Int(r.u32(4))
        let minimum = type == .sectionHeader ? 28 : 12
        guard length % 4 == 0, length >= minimum, length <= Self.maximumBlockLength else {
            stop(corrupt(offset, "block at offset \(offset) (type \(type.hex)) has total length \(length): expected a multiple of 4 between \(minimum) and \(Self.maximumBlockLength)"))
            return nil
        }
        return (type, length)
    }

    /// Interprets one complete block; returns a packet for packet blocks.
    private func handle(type: PcapngBlockType, body: UnsafeRawBufferPointer, offset: Int64) -> CapturedPacket? {
        let r = EndianReader(bytes: body, bigEndian: bigEndian)
        switch type {
        case .sectionHeader:
            let major = r.u16(4), minor = r.u16(6)
            guard major == 1 else {
                stop(corrupt(offset + 12, "section header block at offset \(offset): unsupported pcapng version \(major).\(minor), expected 1.x"))
                return nil
            }
            sawSection = true
            interfacesBeforeSection += interfaces.count
            interfaces.removeAll(keepingCapacity: true)
        case .interfaceDescription:
            guard body.count >= 8 else { stop(tooShort(type, offset, body.count, 8)); return nil }
            guard interfacesBeforeSection + interfaces.count < Self.maximumInterfaces else {
                stop(corrupt(offset, "interface description block at offset \(offset): more than \(Self.maximumInterfaces) interfaces"))
                return nil
            }
            interfaces.append(parseInterface(body: body, reader: r))
        case .enhancedPacket:
            guard body.count >= 20 else { stop(tooShort(type, offset, body.count, 20)); return nil }
            return packet(interfaceID: Int(r.u32(0)), high: r.u32(4), low: r.u32(8), capturedLength: Int(r.u32(12)),
                          originalLength: Int(r.u32(16)), body: body, dataStart: 20, type: type, offset: offset)
        case .obsoletePacket:
            guard body.count >= 20 else { stop(tooShort(type, offset, body.count, 20)); return nil }
            return packet(interfaceID: Int(r.u16(0)), high: r.u32(4), low: r.u32(8), capturedLength: Int(r.u32(12)),
                          originalLength: Int(r.u32(16)), body: body, dataStart: 20, type: type, offset: offset)
        case .simplePacket:
            guard body.count >= 4 else { stop(tooShort(type, offset, body.count, 4)); return nil }
            guard let interface = interfaces.first else {
                stop(corrupt(offset, "simple packet block at offset \(offset): no interface description block in this section"))
                return nil
            }
            let originalLength = Int(r.u32(0))
            var captured = min(originalLength, body.count - 4)
            if interface.snapLength > 0 { captured = min(captured, Int(interface.snapLength)) }
            return CapturedPacket(timestamp: lastTimestamp, linkType: interface.linkType,
                                  bytes: UnsafeRawBufferPointer(rebasing: body[4..<(4 + captured)]),
                                  originalLength: originalLength, interfaceIndex: interfacesBeforeSection,
                                  inputIndex: inputIndex)
        case .decryptionSecrets:
            collectSecrets(body: body, reader: r)
        case .nameResolution, .interfaceStatistics, .systemdJournal, .customCopiable, .customNotCopiable:
            break
        default:
            noteAnomaly("pcapng_unknown_block_skipped")
        }
        return nil
    }

    private func packet(interfaceID: Int, high: UInt32, low: UInt32, capturedLength: Int, originalLength: Int,
                        body: UnsafeRawBufferPointer, dataStart: Int, type: PcapngBlockType, offset: Int64) -> CapturedPacket? {
        guard interfaceID < interfaces.count else {
            stop(corrupt(offset, "packet block at offset \(offset) (type \(type.hex)) refers to interface \(interfaceID), but this section defines \(interfaces.count)"))
            return nil
        }
        guard capturedLength <= body.count - dataStart else {
            stop(corrupt(offset, "packet block at offset \(offset) (type \(type.hex)): captured length \(capturedLength) exceeds the \(body.count - dataStart) bytes the block holds"))
            return nil
        }
        let interface = interfaces[interfaceID]
        let timestamp = interface.timestamp(high: high, low: low)
        lastTimestamp = timestamp
        return CapturedPacket(timestamp: timestamp, linkType: interface.linkType,
                              bytes: UnsafeRawBufferPointer(rebasing: body[dataStart..<(dataStart + capturedLength)]),
                              originalLength: originalLength, interfaceIndex: interfacesBeforeSection + interfaceID,
                              inputIndex: inputIndex)
    }

    // MARK: Anomalies and secrets

    func noteAnomaly(_ name: String) { anomalies[name, default: 0] += 1 }

    /// Keeps one key-log line unless the total would pass `maximumSecretsBytes`.
    func addSecretLine(_ line: UnsafeRawBufferPointer) {
        guard secretsBytes + line.count <= Self.maximumSecretsBytes else {
            noteAnomaly("pcapng_secrets_cap_dropped")
            return
        }
        secretsBytes += line.count
        decryptionSecrets.append(String(decoding: line, as: UTF8.self))
    }

    // MARK: Damage

    private func stop(_ error: CaptureError) { damage = error }

    private func corrupt(_ offset: Int64, _ message: String) -> CaptureError {
        CaptureError(kind: .corrupt, path: path, offset: offset, message: "corrupt " + message)
    }

    private func tooShort(_ type: PcapngBlockType, _ offset: Int64, _ found: Int, _ expected: Int) -> CaptureError {
        corrupt(offset, "block at offset \(offset) (type \(type.hex)): body of \(found) bytes, expected at least \(expected)")
    }

    private func readFailure(_ errnoValue: Int32) -> CaptureError {
        CaptureError(kind: .corrupt, path: path, offset: input.offset,
                     message: "read error at offset \(input.offset): \(describeErrno(errnoValue))")
    }
}
