/// One opened capture input (a file or a descriptor), read packet by packet.
///
/// `nextPacket()` returns packets in file order; its bytes are borrowed until the next call. It
/// returns nil at the end of the input, or at damage: then `damage` says what and where, and the
/// source reads nothing more. Implementations: `LibpcapSource` (classic pcap through libpcap),
/// `PcapStreamSource` (classic pcap, built in), `PcapngSource` (pcapng, built in).
protocol PacketSource: AnyObject {
    func nextPacket() -> CapturedPacket?
    /// The damage that ended reading, if any.
    var damage: CaptureError? { get }
    /// Input bytes consumed so far.
    var bytesConsumed: Int64 { get }
    /// TLS key-log lines found so far (pcapng Decryption Secrets Blocks); empty for classic pcap.
    var decryptionSecrets: [String] { get }
    /// Anomalies that did not stop reading (skipped blocks, capped secrets), by stable name.
    var anomalies: [String: UInt64] { get }
}
