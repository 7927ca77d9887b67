/// The error of the Payload module, with evidence: the byte offset, what was expected, what was found.
package enum PayloadError: Error, Equatable, Sendable {
    case unexpectedByte(offset: Int, expected: String, found: UInt8)
    case truncated(offset: Int, expected: String)
    case tooDeep(offset: Int, limit: Int)
}
