import Primitives

extension PcapngSource {
    /// Builds an interface from an IDB body: link type u16, reserved u16, snaplen u32, then options
    /// (code u16, length u16, value padded to 4; code 0 ends). A malformed option list is counted
    /// (`pcapng_option_malformed`) and the options read so far are kept.
    func parseInterface(body: UnsafeRawBufferPointer, reader r: EndianReader) -> PcapngInterface {
        var interface = PcapngInterface(linkType: LinkType(dlt: Int32(r.u16(0))), snapLength: r.u32(4),
                                        resolution: .microseconds, offsetSeconds: 0)
        var at = 8
        while at + 4 <= body.count {
            let code = r.u16(at), length = Int(r.u16(at + 2))
            if code == 0 { return interface }
            guard at + 4 + length <= body.count else { noteAnomaly("pcapng_option_malformed"); return interface }
            switch code {
            case 9 where length >= 1:
                interface.resolution = PcapngTimestampResolution(optionByte: body[at + 4])
            case 14 where length >= 8:
                interface.offsetSeconds = Int64(bitPattern: r.u64(at + 4))
            default:
                break
            }
            at += 4 + (length + 3) & ~3
        }
        return interface
    }

    /// Appends the lines of a TLS key-log Decryption Secrets Block (secrets type u32, length u32,
    /// data). Other secrets types are counted (`pcapng_dsb_not_tls_key_log`); beyond
    /// `maximumSecretsBytes` in total, lines are dropped and counted (`pcapng_secrets_cap_dropped`).
    func collectSecrets(body: UnsafeRawBufferPointer, reader r: EndianReader) {
        guard body.count >= 8 else { noteAnomaly("pcapng_dsb_malformed"); return }
        guard r.u32(0) == PcapngBlockType.tlsKeyLog else { noteAnomaly("pcapng_dsb_not_tls_key_log"); return }
        let length = Int(r.u32(4))
        guard length <= body.count - 8 else { noteAnomaly("pcapng_dsb_malformed"); return }
        let data = UnsafeRawBufferPointer(rebasing: body[8..<(8 + length)])
        var lineStart = 0
        for i in 0...data.count where i == data.count || data[i] == 0x0A {
            var lineEnd = i
            if lineEnd > lineStart, data[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > lineStart {
                addSecretLine(UnsafeRawBufferPointer(rebasing: data[lineStart..<lineEnd]))
            }
            lineStart = i + 1
        }
    }
}
