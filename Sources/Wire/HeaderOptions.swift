/// The option lists IPv4 (RFC 791 §3.1) and TCP (RFC 9293 §3.2) headers share: kind 0 ends the
/// list, kind 1 is a one-byte no-op, every other kind carries a length >= 2 that stays inside the list.
enum HeaderOptions {
    static func wellFormed(_ options: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < options.count {
            switch options[i] {
            case 0: return true
            case 1: i += 1
            default:
                guard i + 1 < options.count else { return false }
                let length = Int(options[i + 1])
                guard length >= 2, i + length <= options.count else { return false }
                i += length
            }
        }
        return true
    }
}
