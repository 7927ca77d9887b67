/// One token of a JSON text (RFC 8259). Keys and strings are unescaped UTF-8 text; numbers keep
/// their source spelling.
package enum JSONEvent: Equatable, Sendable {
    case objectStart
    case objectEnd
    case arrayStart
    case arrayEnd
    case key(String)
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}

/// A token kind of `JSONTokenizer`; keys, strings and numbers come with their text (unescaped
/// UTF-8 bytes, borrowed for the duration of the call: often straight from the input).
package enum JSONToken: Sendable {
    case objectStart, objectEnd, arrayStart, arrayEnd, key, string, number, `true`, `false`, null
}

/// Receives the tokens of a `JSONTokenizer` as they complete.
package protocol JSONTokenSink {
    mutating func token(_ kind: JSONToken, _ text: UnsafeBufferPointer<UInt8>)
}

/// An array of events is a sink (the simple, allocating way to tokenize).
extension Array: JSONTokenSink where Element == JSONEvent {
    package mutating func token(_ kind: JSONToken, _ text: UnsafeBufferPointer<UInt8>) {
        switch kind {
        case .objectStart: append(.objectStart)
        case .objectEnd: append(.objectEnd)
        case .arrayStart: append(.arrayStart)
        case .arrayEnd: append(.arrayEnd)
        case .key: append(.key(String(decoding: text, as: UTF8.self)))
        case .string: append(.string(String(decoding: text, as: UTF8.self)))
        case .number: append(.number(String(decoding: text, as: UTF8.self)))
        case .true: append(.bool(true))
        case .false: append(.bool(false))
        case .null: append(.null)
        }
    }
}

/// A sink that keeps nothing (to check well-formedness).
package struct JSONTokenCounter: JSONTokenSink {
    package private(set) var tokens = 0
    package init() {}
    package mutating func token(_ kind: JSONToken, _ text: UnsafeBufferPointer<UInt8>) { tokens += 1 }
}
