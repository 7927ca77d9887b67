/// Why a content decoder stopped: which coding, at which encoded byte (offset into that coding's
/// input), and what was wrong. `description` is the stable text reported as `decode_error` evidence.
package struct CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The wire name of the coding that failed (`gzip`, `br`, ...).
    package var coding: String
    /// Bytes of that coding's input consumed before the failure was seen.
    package var offset: Int
    /// A short reason (`corrupt data`, `truncated stream`, `unsupported coding`, ...).
    package var reason: String

    package init(coding: String, offset: Int, reason: String) {
        self.coding = coding
        self.offset = offset
        self.reason = reason
    }

    package var description: String { "\(coding): \(reason) at encoded byte \(offset)" }
}
