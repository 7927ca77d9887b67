/// A capture input that could not be opened, is not a capture, or is damaged.
///
/// `cannotOpen` and `notACapture` are thrown when the reader is created; `truncated` and `corrupt`
/// are recorded in `CaptureReader.errors` when reading reaches the damage (the file is then closed
/// and the other inputs go on). `offset` is the byte offset in the input where the damaged
/// structure starts (a record header, a block), when known. `message` says what was expected and
/// what was found, e.g. "truncated packet record at offset 1234: header says 1514 bytes, 200 remain".
package struct CaptureError: Error, CustomStringConvertible, Sendable {
    package enum Kind: Sendable { case cannotOpen, notACapture, truncated, corrupt }

    package var kind: Kind
    package var path: String
    package var offset: Int64?
    package var message: String

    package init(kind: Kind, path: String, offset: Int64? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.offset = offset
        self.message = message
    }

    /// `path: message`, e.g. `a.pcap: truncated packet record at offset 1234: ...`.
    package var description: String { "\(path): \(message)" }
}

extension CaptureError.Kind: Hashable {}

extension CaptureError.Kind: CustomStringConvertible {
    /// Stable snake_case name of the kind (`cannot_open`, `not_a_capture`, `truncated`, `corrupt`).
    package var description: String {
        switch self {
        case .cannotOpen: "cannot_open"
        case .notACapture: "not_a_capture"
        case .truncated: "truncated"
        case .corrupt: "corrupt"
        }
    }
}
