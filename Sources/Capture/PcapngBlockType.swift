/// pcapng block type codes (draft-ietf-opsawg-pcapng §11.1). Open: unknown codes are kept and skipped.
struct PcapngBlockType: RawRepresentable, Hashable {
    var rawValue: UInt32

    static let sectionHeader = PcapngBlockType(rawValue: 0x0A0D_0D0A)
    static let interfaceDescription = PcapngBlockType(rawValue: 0x0000_0001)
    static let obsoletePacket = PcapngBlockType(rawValue: 0x0000_0002)
    static let simplePacket = PcapngBlockType(rawValue: 0x0000_0003)
    static let nameResolution = PcapngBlockType(rawValue: 0x0000_0004)
    static let interfaceStatistics = PcapngBlockType(rawValue: 0x0000_0005)
    static let enhancedPacket = PcapngBlockType(rawValue: 0x0000_0006)
    static let systemdJournal = PcapngBlockType(rawValue: 0x0000_0009)
    static let decryptionSecrets = PcapngBlockType(rawValue: 0x0000_000A)
    static let customCopiable = PcapngBlockType(rawValue: 0x0000_0BAD)
    static let customNotCopiable = PcapngBlockType(rawValue: 0x4000_0BAD)

    /// Byte-order magic inside the Section Header Block, as written by the writer.
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    /// Decryption Secrets Block secrets type for a TLS key log (NSS key log format): "TLSK".
    static let tlsKeyLog: UInt32 = 0x544C_534B

    var hex: String { "0x" + PcapRecordDiagnosis.hex(rawValue) }
}
