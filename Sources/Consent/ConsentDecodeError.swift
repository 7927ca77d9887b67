/// The one error type of the consent-signal decoders.
///
/// `code` is stable (tests and callers switch over it); `message` is the human reason shown by
/// `consenttap consent decode`. `offset` is the bit offset (base64url signals) or character offset
/// (text signals) where the problem was found, when one applies.
package struct ConsentDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Sendable {
        case empty
        case tooLong = "too_long"
        case invalidCharacter = "invalid_character"
        case truncated
        case unsupportedVersion = "unsupported_version"
        case badLength = "bad_length"
        case unknownSegment = "unknown_segment"
        case sectionMismatch = "section_mismatch"
        case malformed
        case tooManyIds = "too_many_ids"
        case unrecognised
    }

    package var code: Code
    package var message: String
    package var offset: Int?

    package init(_ code: Code, _ message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    package var description: String { message }

    /// `need` bits were wanted at `offset` but only `have` remain.
    static func truncated(need: Int, at offset: Int, have: Int) -> ConsentDecodeError {
        ConsentDecodeError(.truncated, "truncated: need \(need) bits at offset \(offset), have \(have)", offset: offset)
    }

    /// Prefixes the message with the place it happened (e.g. a GPP section name).
    func within(_ place: String) -> ConsentDecodeError {
        ConsentDecodeError(code, place + ": " + message, offset: offset)
    }
}
