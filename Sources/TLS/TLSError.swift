/// Why a TLS structure could not be read, with the evidence an auditor needs.
///
/// Offsets are relative to the start of the structure being parsed (a handshake message body, or a
/// record header for record-layer errors).
package enum TLSError: Error, Equatable, Sendable {
    /// The structure ends before a field: `needed` bytes at `offset`, only `available` left.
    case truncated(offset: Int, needed: Int, available: Int)
    /// A field holds an impossible value.
    case malformed(offset: Int, field: String, found: Int)
}
